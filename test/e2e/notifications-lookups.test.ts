import { v7 as uuidv7 } from 'uuid';
import { indicatorStream, unitStream } from '../../src/catalog/domain/catalog-codes';
import { poolOf } from '../../src/database/data-source';
import { NewEvent } from '../../src/event-store/event-store.port';
import { SnapshotStore } from '../../src/projections/time-travel/snapshot-store';
import { eventually } from '../support/eventually';
import { raisedWarnings } from '../support/raised-warnings';
import { bearer, startTestApp, TestApp, TestUser } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const PLAN = 'lk-2021';

type Item = { kind: string; title: string; body: string; warningId?: string };

/** An event as a command would append it (the catalog's deciders refuse to rename, so the test writes it). */
function event(type: string, data: object): NewEvent {
  const actor = { id: 'test', username: 'test', displayName: 'test' };
  return {
    id: uuidv7(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor,
      commandId: uuidv7(),
      correlationId: uuidv7(),
      causationId: uuidv7(),
      recordedAt: new Date().toISOString(),
    },
  };
}

/**
 * The dispatcher keeps unit and indicator documents from batch to batch: what changed in the read
 * models since (a unit renamed, an indicator redefined, a rebuild that rewrote a document in place)
 * shows in the next notice.
 */
describe.each(databaseKinds())('notifications: unit and indicator names are current (%s)', (kind) => {
  let t: TestApp;
  let reporter: TestUser;
  let lead: TestUser;
  const admin = async () => bearer(await t.adminToken());
  const post = async (url: string, payload: object) =>
    t.inject({ method: 'POST', url, payload, headers: await admin() });
  const raised = async (user: TestUser) => {
    const response = await t.inject({
      method: 'GET',
      url: '/api/notifications?limit=200',
      headers: bearer(user.token),
    });
    return (response.json() as { items: Item[] }).items.filter((i) => i.kind === 'warning_raised');
  };
  /** Raises warning w<n> on I0 of Anting and answers the notice its reporter gets. */
  const raise = async (n: number): Promise<Item> => {
    const [warning] = raisedWarnings(PLAN, 'anting', 1);
    const data = warning.data as { warningId: string };
    data.warningId = `${PLAN}.I0.anting.w${n}`;
    await t.infrastructure.eventStore.append(`warnings-lk-${n}`, [warning], 'no_stream');
    return eventually(
      async () => (await raised(reporter)).find((i) => i.warningId === data.warningId),
      15_000,
      `the notice of w${n}`,
    );
  };
  const unitNamed = (name: string) =>
    eventually(async () => {
      const units = (await t.inject({ method: 'GET', url: '/api/units', headers: await admin() })).json() as Array<{
        code: string;
        name: string;
      }>;
      return units.find((u) => u.code === 'anting')?.name === name ? true : undefined;
    });

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const unit of [
      { code: 'anting', name: '安亭镇', kind: 'town' },
      { code: 'finance', name: '区财政局', kind: 'department' },
      { code: 'tax', name: '区税务局', kind: 'department' },
    ])
      expect((await post('/api/units', unit)).statusCode).toBe(201);
    expect((await post('/api/plans', { code: PLAN, year: 2021, title: '2021年目标' })).statusCode).toBe(201);
    expect(
      (
        await post(`/api/plans/${PLAN}/indicators`, {
          code: 'I0',
          category: '经济发展',
          name: '税收总收入',
          unitOfMeasure: '万元',
          kind: 'cumulative',
          leadUnitCode: 'finance',
        })
      ).statusCode,
    ).toBe(201);
    reporter = await t.userWith(['unit'], 'anting');
    lead = await t.userWith(['unit'], 'tax');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names a unit renamed and an indicator redefined after a first notice in the next one', async () => {
    const first = await raise(1);
    expect(first.title).toBe('【红灯预警】安亭镇 · I0 税收总收入');

    // A second notice with nothing changed names the same.
    expect((await raise(2)).title).toBe(first.title);

    await t.infrastructure.eventStore.append(
      unitStream('anting'),
      [event('UnitRegistered', { code: 'anting', name: '安亭镇（新）', kind: 'town' })],
      'any',
    );
    await unitNamed('安亭镇（新）');
    expect((await raise(3)).title).toBe('【红灯预警】安亭镇（新） · I0 税收总收入');

    // The indicator's new name, and its new lead unit is told.
    await t.infrastructure.eventStore.append(
      indicatorStream(PLAN, 'I0'),
      [
        event('IndicatorDefined', {
          planCode: PLAN,
          code: 'I0',
          category: '经济发展',
          name: '税收收入',
          unitOfMeasure: '万元',
          kind: 'cumulative',
          leadUnitCode: 'tax',
          decomposition: 'not_decomposed',
        }),
      ],
      'any',
    );
    await eventually(async () => {
      const response = await t.inject({ method: 'GET', url: `/api/plans/${PLAN}/indicators`, headers: await admin() });
      const list = response.json() as Array<{ code: string; name: string }>;
      return list.find((i) => i.code === 'I0')?.name === '税收收入' ? true : undefined;
    });
    expect(await raised(lead)).toEqual([]);
    const fourth = await raise(4);
    expect(fourth.title).toBe('【红灯预警】安亭镇（新） · I0 税收收入');
    expect((await eventually(async () => ((await raised(lead)).length ? raised(lead) : undefined)))[0].warningId).toBe(
      `${PLAN}.I0.anting.w4`,
    );
  });

  it('reads the documents again after a rebuild swapped the table in, even at the same rows and positions', async () => {
    // As a rebuild under a changed projection would: the document rewritten at its position, and the
    // projection's generation bumped in the same transaction.
    const client = await poolOf(t.infrastructure.dataSource).connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE rm_units SET doc = jsonb_set(doc, '{name}', '"安亭镇（重建）"') WHERE key = 'anting'`);
      await SnapshotStore.invalidate(client, 'units');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect((await raise(5)).title).toBe('【红灯预警】安亭镇（重建） · I0 税收收入');
  });
});
