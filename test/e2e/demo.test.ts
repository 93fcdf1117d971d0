import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { openInfrastructure } from '../../src/database/infrastructure';
import { FixedClock } from '../../src/shared/clock';
import { DEMO_LABEL } from '../../src/seeding/demo/demo-scenario';
import { DemoSummary, runDemo } from '../../src/seeding/demo/demo-loader';
import { DEMO_PASSWORD } from '../../src/seeding/demo/demo-users';
import {
  AUTHORIZED_EVENT_TYPES,
  IMPORT_WRITER,
  refusalOf,
  WriteActor,
} from '../../src/seeding/demo/write-authorization';
import { targetIdOfWarning } from '../../src/warnings/domain/warning.types';
import { bearer, openTestAppDatabase, startTestApp, TestApp, TestAppDatabase } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const kind = process.env.DATABASE_URL ? 'postgres' : 'embedded';

/**
 * The full demo (900 targets, 7 700 reports up to September) takes 1.5–2 minutes, bound by the warnings
 * reactor. This suite plays the same script — every target draws from its own seeded stream, so it
 * behaves the same in a subset — on the key tasks and two tables of the Jiading plan (245 targets, with
 * every district target) up to May: ~1 200 reports, still with on-pace, yellow, red, recovering, late,
 * missing, corrected and adjusted targets (measured: ~15 s for the first load, ~1 s for the second).
 */
const UNTIL = '2021-05';
const TABLES = ['指标02-税收收入.csv', '指标08-1-招商引资1.csv'];

function subsetPlan(dir: string): string {
  const source = join(ROOT, 'seeds/jiading-2021');
  mkdirSync(join(dir, 'targets'), { recursive: true });
  for (const file of ['plan.yaml', 'units.yaml', 'indicators.yaml']) copyFileSync(join(source, file), join(dir, file));
  for (const table of TABLES) copyFileSync(join(source, 'targets', table), join(dir, 'targets', table));
  return dir;
}

describe(`demo year (${kind})`, () => {
  let work: string;
  let database: TestAppDatabase;
  let first: DemoSummary;
  let second: DemoSummary;
  let t: TestApp;
  const get = async (url: string, token?: string) => {
    const response = await t.inject({ method: 'GET', url, headers: bearer(token ?? (await t.adminToken())) });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'demo-test-'));
    const planDirs = [subsetPlan(join(work, 'jiading-2021')), 'seeds/jiading-2021-key-tasks'];
    database = await openTestAppDatabase(kind);
    const config = Object.assign(loadConfig({ NODE_ENV: 'test' }), database.settings, {
      migrateOnBoot: true,
      demo: true,
      jwtSecret: 'demo-test-secret-of-at-least-32-characters',
    });
    const infrastructure = await openInfrastructure(config);
    try {
      first = await runDemo({ config, infrastructure }, { untilMonth: UNTIL, planDirs });
      second = await runDemo({ config, infrastructure }, { untilMonth: UNTIL, planDirs });
    } finally {
      await infrastructure.close();
    }
    // The server "as of" the end of the demo: its scheduler finds every deadline of the script recorded.
    t = await startTestApp(kind, { database, clock: new FixedClock(first.simulatedUntil) });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('loads the plans and plays the script without a refusal', () => {
    expect(first.refused).toEqual([]);
    expect(first.written).toBeGreaterThan(1000);
    // The demo stops where the application clock starts (the 8th of June): May's deadline is still ahead.
    expect(first.actions).toMatchObject({ deadlines: Number(UNTIL.slice(5)) - 1 });
    expect(first.simulatedUntil.getTime()).toBeLessThanOrEqual(Date.parse('2021-06-08T09:00:00+08:00'));
    expect(first.actions.late).toBeGreaterThan(0);
    expect(first.actions.corrections).toBeGreaterThan(0);
    expect(first.actions.adjustments).toBeGreaterThan(0);
    expect(first.profiles.missing).toBeGreaterThan(0);
  });

  it('shows targets in green, yellow and red on the dashboard, and warnings raised, escalated and cleared', async () => {
    const dashboard = await get('/api/dashboard?planCode=jiading-2021');
    expect(dashboard.totals.green).toBeGreaterThan(dashboard.totals.total / 2);
    expect(dashboard.totals.yellow).toBeGreaterThan(0);
    expect(dashboard.totals.red).toBeGreaterThan(0);
    expect(dashboard.totals.overdue).toBeGreaterThan(0); // the few that never report
    expect(dashboard.warnings.open).toBeGreaterThan(0);
    const warnings = (await get('/api/warnings?planCode=jiading-2021&state=all&limit=500')) as Array<{
      kind: string;
      state: string;
      raisedAt: string;
      history: Array<{ type: string }>;
    }>;
    const overdueCleared = warnings.filter((w) => w.kind === 'overdue' && w.state === 'cleared');
    expect(overdueCleared.length).toBeGreaterThan(0); // late reports: raised on the 11th, cleared when the report came
    expect(overdueCleared[0].history.map((h) => h.type)).toEqual(['WarningRaised', 'WarningCleared']);
    expect(warnings.some((w) => w.kind === 'status' && w.state === 'cleared')).toBe(true); // recovering targets
    expect(warnings.some((w) => w.state === 'escalated' || w.state === 'acknowledged')).toBe(true); // red twice in a row
    expect(warnings.every((w) => w.raisedAt.startsWith('2021-'))).toBe(true);
  });

  it('records every report at its simulated 2021 time, labelled as demo data, by the unit’s demo user', async () => {
    const reports = await t.infrastructure.eventStore.readLog({ types: ['ProgressReported'], limit: 100_000 });
    expect(reports.length).toBe(first.actions.reports);
    for (const r of reports) {
      expect((r.data as { narrative: string }).narrative.startsWith(DEMO_LABEL)).toBe(true);
      expect(r.metadata.recordedAt.startsWith('2021-')).toBe(true);
    }
    const anting = reports.find((r) => r.streamId === 'target-jiading-2021.I02.anting');
    expect(anting?.metadata.actor.username).toBe('demo-anting');
    const adjusted = await t.infrastructure.eventStore.readLog({ types: ['TargetAdjusted'], limit: 100 });
    expect(adjusted.length).toBe(first.actions.adjustments);
    for (const a of adjusted) {
      expect(a.data).toMatchObject({
        reason: expect.stringContaining(DEMO_LABEL),
        approvalDocument: expect.stringContaining(DEMO_LABEL),
      });
    }
    const corrected = await t.infrastructure.eventStore.readLog({ types: ['ProgressCorrected'], limit: 100 });
    expect(corrected.length).toBe(first.actions.corrections);
  });

  it('lets the demo users sign in with the documented password, each in their role', async () => {
    const office = await t.login('demo-office', DEMO_PASSWORD);
    expect((await get('/api/targets?planCode=jiading-2021&unitCode=anting', office)).length).toBeGreaterThan(0);
    const reporter = await t.login('demo-anting', DEMO_PASSWORD);
    const own = (await get('/api/targets?planCode=jiading-2021', reporter)) as Array<{ unitCode: string }>;
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((x) => x.unitCode))).toEqual(new Set(['anting']));
    await t.login('demo-leader', DEMO_PASSWORD);
    await t.login('demo-auditor', DEMO_PASSWORD);
    await t.login('demo-verifier', DEMO_PASSWORD);
  });

  it('changes nothing when loaded a second time', () => {
    expect(second.headAfter).toBe(second.headBefore);
    expect(second.headAfter).toBe(first.headAfter);
    expect(second.written).toBe(0);
    expect(second.repeated).toBe(first.written);
    expect(second.users.created).toEqual([]);
    expect(second.dashboards).toEqual(first.dashboards);
  });

  it('replays its log through the API’s role rules: no write the API would refuse (adjustments are the office’s)', async () => {
    const users = (await get('/api/users')) as Array<{
      id: string;
      username: string;
      roles: string[];
      unitCode?: string;
    }>;
    const writers = new Map<string, WriteActor>(users.map((u) => [u.id, u]));
    writers.set('import', IMPORT_WRITER);
    const targets = (await get('/api/targets')) as Array<{ id: string; unitCode: string }>;
    const unitOf = new Map(targets.map((x) => [x.id, x.unitCode]));
    const log = await t.infrastructure.eventStore.readLog({ types: AUTHORIZED_EVENT_TYPES, limit: 100_000 });
    expect(log.length).toBeGreaterThan(first.actions.reports);
    const refusals: string[] = [];
    for (const e of log) {
      const writer = writers.get(e.metadata.actor.id);
      const targetId = e.streamId.startsWith('target-')
        ? e.streamId.slice('target-'.length)
        : e.type === 'WarningAcknowledged'
          ? targetIdOfWarning((e.data as { warningId: string }).warningId)
          : undefined;
      const refusal = writer
        ? refusalOf(writer, e.type, targetId && unitOf.get(targetId))
        : `${e.metadata.actor.username} is no user`;
      if (refusal) refusals.push(`${e.type} ${e.streamId}: ${refusal}`);
    }
    expect(refusals).toEqual([]);
    const adjusted = await t.infrastructure.eventStore.readLog({ types: ['TargetAdjusted'], limit: 100 });
    expect(adjusted.length).toBeGreaterThan(0);
    expect(new Set(adjusted.map((a) => a.metadata.actor.username))).toEqual(new Set(['demo-office']));
  });

  it('labels demo changes in the history and on the dashboard, with the figures they changed', async () => {
    const dashboard = await get('/api/dashboard?planCode=jiading-2021');
    const adjustedHere = (await t.infrastructure.eventStore.readLog({ types: ['TargetAdjusted'], limit: 100 }))
      .filter((a) => a.streamId.startsWith('target-jiading-2021.'))
      .map((a) => a.streamId.slice('target-'.length))
      .sort();
    expect(dashboard.demo).toMatchObject({ label: DEMO_LABEL, notice: expect.stringContaining('演示数据') });
    expect(dashboard.demo.targets).toBeGreaterThan(0);
    expect(dashboard.demo.adjustments.map((a: { targetId: string }) => a.targetId)).toEqual(adjustedHere);
    for (const a of dashboard.demo.adjustments) expect(a.before).not.toEqual(a.after);
    if (adjustedHere.length) {
      const history = (await get(`/api/targets/${adjustedHere[0]}/history`)) as Array<{ type: string; demo?: boolean }>;
      expect(history.find((h) => h.type === 'TargetAdjusted')).toMatchObject({ demo: true });
      expect(history.filter((h) => h.type === 'ProgressReported').every((h) => h.demo === true)).toBe(true);
      expect(history.find((h) => h.type === 'TargetAssigned')?.demo).toBeUndefined(); // the plan's own figure is real
    }
  });
});
