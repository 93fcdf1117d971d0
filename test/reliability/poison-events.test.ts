import { v4 as uuidv4 } from 'uuid';
import { poolOf } from '../../src/database/data-source';
import { NewEvent } from '../../src/event-store/event-store.port';
import { rebuildProjection } from '../../src/projections/rebuild/projection-rebuild';
import { targetsProjection } from '../../src/targets/read-model/targets.projection';
import { FixedClock } from '../../src/shared/clock';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'jd-2021';
const TARGET = `${PLAN}.I02.anting`;

/** An event written straight to the store, past every validation (as a bug, a migration or an attacker might). */
function rawEvent(type: string, data: unknown): NewEvent {
  return {
    id: uuidv4(),
    type,
    data,
    schemaVersion: 1,
    metadata: {
      actor: { id: 'test', username: 'test', displayName: 'test' },
      commandId: uuidv4(),
      correlationId: uuidv4(),
      causationId: uuidv4(),
      recordedAt: '2021-04-05T02:00:00.000Z',
    },
  };
}

interface Follower {
  name: string;
  state: string;
  quarantined: number;
  lagEvents: number;
}

describe.each(databaseKinds())('a poison event in the log stops no follower (%s)', (kind) => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2021-04-05T02:00:00Z'));
  const asAdmin = async () => bearer(await t.adminToken());
  const post = async (url: string, payload: object) =>
    t.inject({ method: 'POST', url, payload, headers: await asAdmin() });
  const get = async (url: string) => t.inject({ method: 'GET', url, headers: await asAdmin() });
  const followers = async () => {
    const health = await t.inject({ method: 'GET', url: '/health' });
    return {
      status: health.statusCode,
      body: health.json(),
      list: health.json().details.followers.followers as Follower[],
    };
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    for (const unit of [
      { code: 'jiading', name: '嘉定区', kind: 'district' },
      { code: 'anting', name: '安亭镇', kind: 'town' },
    ]) {
      expect((await post('/api/units', unit)).statusCode).toBe(201);
    }
    expect((await post('/api/plans', { code: PLAN, year: 2021, title: '2021年目标' })).statusCode).toBe(201);
    expect(
      (
        await post(`/api/plans/${PLAN}/indicators`, {
          code: 'I02',
          category: '经济发展',
          name: '税收总收入',
          unitOfMeasure: '万元',
          kind: 'cumulative',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await post('/api/targets', {
          planCode: PLAN,
          indicatorCode: 'I02',
          unitCode: 'anting',
          assessment: { total: '1200', unitOfMeasure: '万元' },
        })
      ).statusCode,
    ).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is healthy before any poison', async () => {
    const { status, list } = await followers();
    expect(status).toBe(200);
    expect(list.map((f) => f.name)).toEqual(expect.arrayContaining(['targets', 'warnings', 'reactor:warnings']));
  });

  it('quarantines events the projections and the reactor cannot apply, and every later write is applied and visible', async () => {
    const store = t.infrastructure.eventStore;
    // A target without an indicator, a figure of 135,001 digits, a deadline for a period that is no period.
    await store.append(
      'target-poison.I02.nobody',
      [rawEvent('TargetAssigned', { targetId: 'poison.I02.nobody' })],
      'no_stream',
    );
    const history = await store.readStream(`target-${TARGET}`);
    await store.append(
      `target-${TARGET}`,
      [rawEvent('ProgressReported', { period: '2021-02', value: `1${'0'.repeat(135_000)}`, unitOfMeasure: '万元' })],
      history[history.length - 1].revision,
    );
    await store.append(
      `deadline-${PLAN}`,
      [rawEvent('ReportDeadlinePassed', { planCode: PLAN, period: '__proto__', dueDate: '2021-03-10' })],
      'any',
    );

    // A later report through the API answers at once and is read back, with its warning.
    const report = await post(`/api/targets/${TARGET}/progress`, { period: '2021-03', value: '100' });
    expect(report.statusCode).toBe(201);
    const target = (await get(`/api/targets/${TARGET}`)).json();
    expect(target.periods?.['2021-03']?.value ?? target.latest?.value ?? JSON.stringify(target)).toContain('100');
    const warnings = (await get(`/api/warnings?planCode=${PLAN}`)).json();
    const list = Array.isArray(warnings) ? warnings : warnings.items;
    expect(
      list.some((w: { targetId: string; period: string }) => w.targetId === TARGET && w.period === '2021-03'),
    ).toBe(true);

    // /health tells: 503, which followers, how many events aside.
    const { status, body, list: report2 } = await followers();
    expect(status).toBe(503);
    expect(body.error.followers.reason).toMatch(/quarantined/);
    const byName = new Map(report2.map((f) => [f.name, f]));
    expect(byName.get('targets')).toMatchObject({ state: 'following', quarantined: 3 });
    expect(byName.get('reactor:warnings')!.quarantined).toBeGreaterThanOrEqual(1);
    for (const f of report2) expect(f.lagEvents).toBe(0);

    // The office sees each one with its error.
    const quarantine = await get('/api/quarantine');
    expect(quarantine.statusCode).toBe(200);
    const items = quarantine.json().items as Array<{
      id: string;
      follower: string;
      streamId: string;
      type: string;
      error: string;
    }>;
    expect(
      items
        .filter((i) => i.follower === 'targets')
        .map((i) => i.type)
        .sort(),
    ).toEqual(['ProgressReported', 'ReportDeadlinePassed', 'TargetAssigned']);
    expect(items.every((i) => i.error.length > 0)).toBe(true);
  });

  it('answers time travel over the poison instead of failing', async () => {
    const response = await get(
      `/api/completion?planCode=${PLAN}&asOf=${encodeURIComponent(clock.now().toISOString())}`,
    );
    expect(response.statusCode).toBe(200);
  });

  it('retries a quarantined event on request: still failing, it stays in the quarantine', async () => {
    const items = (await get('/api/quarantine')).json().items as Array<{ id: string; follower: string; type: string }>;
    const entry = items.find((i) => i.follower === 'reactor:warnings')!;
    const retried = await t.inject({
      method: 'POST',
      url: `/api/quarantine/${entry.id}/retry`,
      headers: await asAdmin(),
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ applied: false, entry: { id: entry.id } });
    expect(retried.json().entry.resolvedAt).toBeUndefined();
    const unit = await t.userWith(['unit'], 'anting');
    const forbidden = await t.inject({ method: 'GET', url: '/api/quarantine', headers: bearer(unit.token) });
    expect(forbidden.statusCode).toBe(403);
  });

  it('rebuilds the projection, reporting the poison instead of failing', async () => {
    const result = await rebuildProjection(
      targetsProjection,
      poolOf(t.infrastructure.dataSource),
      t.infrastructure.eventStore,
    );
    expect(result.quarantined).toBe(3);
    const target = await get(`/api/targets/${TARGET}`);
    expect(target.statusCode).toBe(200);
    const { list } = await followers();
    expect(list.find((f) => f.name === 'targets')!.quarantined).toBe(3);
  });
});
