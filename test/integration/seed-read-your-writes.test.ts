import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { FixedClock } from '../../src/shared/clock';
import { importPlanDirectories, ImportSummary } from '../../src/seeding/import/importer';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(ROOT, 'src/seeding/plan-file/fixtures/binjiang-2022');

/*
 * On PostgreSQL an event is visible to readers (and to the followers) only once every transaction
 * that started before it has ended, on the whole server: a transaction of another database (another
 * process, another test suite) holds the visible head of the log back. The importer must wait for the
 * read models up to what it wrote, not up to the head it can see, or its reconciliation reads a
 * catalog without the plan (计划 … 不存在). The embedded database has one connection: no other
 * transaction can be open there.
 */
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('the plan importer while another database holds a transaction open (postgres)', () => {
  let t: TestApp;
  let blocker: Client;

  beforeAll(async () => {
    t = await startTestApp('postgres', { clock: new FixedClock(new Date('2022-01-20T02:00:00Z')) });
    // Another database of the same server (DATABASE_URL's own): its open transaction has an id older than the import's.
    blocker = new Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await t?.close();
  });

  it('waits for the read models up to its own writes, not up to the visible head', async () => {
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_current_xact_id()');
    let settled = false;
    const importing = importPlanDirectories(t.app, [FIXTURE], { baseDir: ROOT }).finally(() => (settled = true));
    importing.catch(() => undefined);
    // Every event of the import is in the table (committed) but not visible while the blocker is open.
    const admin = new Client({ connectionString: t.config.databaseUrl });
    await admin.connect();
    try {
      for (;;) {
        const { rows } = await admin.query<{ n: string }>(
          "SELECT count(*) AS n FROM es_events WHERE type = 'TargetAssigned'",
        );
        if (Number(rows[0].n) >= 22 || settled) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 1500));
    // The import has not answered: it is waiting for events no follower can see yet.
    const early = settled
      ? await importing.then(
          () => 'answered',
          (e: unknown) => String(e),
        )
      : 'waiting';
    expect(early).toBe('waiting');
    await blocker.query('COMMIT');
    const summary: ImportSummary = await importing;
    const [plan] = summary.plans;
    expect(plan.refusals).toEqual([]);
    expect(plan.targets).toMatchObject({ created: 22, refused: 0 });
    // The reconciliation read the live read model with the whole plan in it.
    expect(plan.reconciliation.filter((l) => l.difference === '0').length).toBeGreaterThan(0);
    expect(summary.headAfter).toBeGreaterThan(summary.headBefore);
  });
});
