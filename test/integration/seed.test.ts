import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliContext } from '../../src/cli';
import { loadConfig } from '../../src/config/load-config';
import { openInfrastructure } from '../../src/database/infrastructure';
import { FixedClock } from '../../src/shared/clock';
import { importPlanDirectories, ImportSummary } from '../../src/seeding/import/importer';
import { PlanFileError } from '../../src/seeding/plan-file';
import { seedCommand } from '../../src/seeding/seed.cli';
import { bearer, openTestAppDatabase, startTestApp, TestApp, TestAppDatabase } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const ROOT = resolve(__dirname, '../..');
const PLAN = 'jiading-2021';

/*
 * Both databases import the full seeds/jiading-2021 (measured on this 2-core machine: ~9 s on the embedded
 * database, ~4 s on PostgreSQL, with 8 commands in flight).
 */

/** A copy of seeds/jiading-2021 with only some of its decomposition tables. */
function subsetPlan(dir: string, tables: string[]): string {
  const source = join(ROOT, 'seeds/jiading-2021');
  mkdirSync(join(dir, 'targets'), { recursive: true });
  for (const file of ['plan.yaml', 'units.yaml', 'indicators.yaml']) copyFileSync(join(source, file), join(dir, file));
  for (const table of tables) copyFileSync(join(source, 'targets', table), join(dir, 'targets', table));
  return dir;
}

/** What the importer refuses in jiading-2021, and why (the summary says the same). */
const EXPECTED_REFUSED_INDICATORS = {
  'I19-1': 'unreadable', // 第66行: name, unit and lead unreadable
  'I19-2': 'unreadable', // 第67行: name and unit unreadable
};

describe.each(databaseKinds())('seed import of %s', (kind) => {
  let database: TestAppDatabase;
  let t: TestApp;
  let work: string;
  let planDir: string;
  let rerun: ImportSummary;
  let cliOutput: string[];
  const get = async (url: string) => {
    const response = await t.inject({ method: 'GET', url, headers: bearer(await t.adminToken()) });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const head = () => t.infrastructure.eventStore.headPosition();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'seed-test-'));
    planDir = join(ROOT, 'seeds/jiading-2021');
    database = await openTestAppDatabase(kind);
    // 1. As `npm run seed` does: the CLI command in its own application context, on its own connection.
    const config = Object.assign(loadConfig({ NODE_ENV: 'test' }), database.settings, {
      migrateOnBoot: true,
      jwtSecret: 'seed-test-secret-of-at-least-32-characters',
    });
    const infrastructure = await openInfrastructure(config);
    cliOutput = [];
    const context: CliContext = {
      config: () => config,
      infrastructure: async () => infrastructure,
      out: (line) => cliOutput.push(line),
      note: () => undefined,
    };
    try {
      expect(await seedCommand.run([planDir], context)).toBeUndefined();
    } finally {
      await infrastructure.close();
    }
    // 2. The server on the same database, on a clock before the first report deadline of 2021
    //    (so its deadline scheduler has nothing to record), for the checks over HTTP.
    t = await startTestApp(kind, { database, clock: new FixedClock(new Date('2021-01-20T02:00:00Z')) });
    rerun = await importPlanDirectories(t.app, [planDir], { baseDir: ROOT });
  }, 300_000); // two full imports of the plan (CLI, then over the running app): on the embedded database under a loaded machine this exceeds the default 120 s
  afterAll(async () => {
    await t?.close();
    await database?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('prints the summary: counts, refusals with reasons and the reconciliation', () => {
    const text = cliOutput.join('\n');
    expect(text).toMatch(/units\s+created 54, unchanged 0, refused 0/);
    expect(text).toMatch(/indicators\s+created 107, unchanged 0, refused 2/);
    expect(text).toContain('✗ indicator I19-1');
    expect(text).toMatch(/I02 税收总收入\s+760 \| 634\.15 \| -125\.85 亿元/);
  });

  it('imports every target of the documents but the refused ones, each refusal explained', async () => {
    // The second run, over the running app, found everything the CLI run had imported.
    const [plan] = rerun.plans;
    const assigned = (await t.infrastructure.eventStore.readLog({ types: ['TargetAssigned'], limit: 100_000 })).length;
    expect(assigned).toBe(plan.targets.inFile - plan.targets.refused);
    expect(plan.targets.unchanged).toBe(assigned);
    expect(plan.targets).toMatchObject({ inFile: 809, districtInFile: 101, unitInFile: 708, refused: 2 });

    const refusedIndicators = plan.refusals.filter((r) => r.kind === 'indicator');
    expect(Object.fromEntries(refusedIndicators.map((r) => [r.key, r.reason]))).toEqual(
      Object.fromEntries(
        Object.entries(EXPECTED_REFUSED_INDICATORS).map(([code, why]) => [code, expect.stringContaining(why)]),
      ),
    );
    for (const refusal of plan.refusals.filter((r) => r.kind === 'target')) {
      const indicator = refusal.key.split('.')[1];
      expect(Object.keys(EXPECTED_REFUSED_INDICATORS)).toContain(indicator);
      expect(refusal.reason).toContain(`its indicator ${indicator} was refused`);
    }
    expect(plan.units).toEqual({ created: 0, unchanged: 54, refused: 0 });
    expect(plan.indicators).toEqual({ created: 0, unchanged: 107, refused: 2 });
  });

  it('carries the printed figures, units and the import actor into the read models', async () => {
    const anting = await get(`/api/targets/${PLAN}.I02.anting`);
    expect(anting).toMatchObject({
      indicatorName: '税收总收入',
      unitCode: 'anting',
      unitOfMeasure: '万元',
      assessment: { total: '1760000', unitOfMeasure: '万元' },
    });
    expect(await get(`/api/targets/${PLAN}.I10.jiading`)).toMatchObject({
      indicatorName: '新认定高新技术企业',
      assessment: { total: '667' },
      work: { total: '716' },
      unitOfMeasure: '家',
    });
    expect(await get(`/api/targets/${PLAN}.I26.jiangqiao`)).toMatchObject({
      indicatorName: '城乡劳动者登记失业人数',
      assessment: { total: '1055', unitOfMeasure: '人' },
    });
    expect(await get(`/api/targets/${PLAN}.I08.jiading-industrial-zone`)).toMatchObject({
      indicatorName: '外资到位资金',
      assessment: { total: '10000', unitOfMeasure: '万美元' },
      work: { total: '12000', unitOfMeasure: '万美元' },
    });
    expect(await get('/api/units')).toHaveLength(54);
    expect(await get(`/api/plans/${PLAN}/indicators`)).toHaveLength(107);
    const [assigned] = (await get(`/api/targets/${PLAN}.I02.anting/history`)) as Array<{
      type: string;
      actor: { username: string };
      data: unknown;
    }>;
    expect(assigned).toMatchObject({ type: 'TargetAssigned', actor: { username: 'system:import' } });
    const [raw] = await t.infrastructure.eventStore.readStream(`target-${PLAN}.I02.anting`);
    expect(raw.metadata.documentRef).toMatch(/jiading-2021\/targets\/指标02-税收收入\.csv:\d+$/);
  });

  it('reconciles each decomposed indicator in one unit of measure (live read model)', async () => {
    const { lines } = (await get(`/api/plans/${PLAN}/reconciliation`)) as {
      lines: Array<{
        indicatorCode: string;
        districtTarget: string | null;
        sumOfUnitTargets: string;
        difference: string | null;
      }>;
    };
    expect(lines.find((l) => l.indicatorCode === 'I02')).toMatchObject({
      districtTarget: '760',
      sumOfUnitTargets: '634.15',
      difference: '-125.85',
    });
    expect(lines.find((l) => l.indicatorCode === 'I10')).toMatchObject({
      districtTarget: '667',
      sumOfUnitTargets: '667',
      difference: '0',
    });
    // The summary lists the same indicators, with the live figures.
    const summaryCodes = rerun.plans[0].reconciliation.map((l) => l.indicatorCode);
    expect(summaryCodes).toEqual(lines.map((l) => l.indicatorCode));
    expect(rerun.plans[0].reconciliation.find((l) => l.indicatorCode === 'I02')).toMatchObject({
      difference: '-125.85',
      fileStatus: 'shortfall',
    });
  });

  it('appends nothing when the same plan is imported again', () => {
    expect(rerun.headAfter).toBe(rerun.headBefore);
    expect(rerun.plans[0]).toMatchObject({
      units: { created: 0 },
      indicators: { created: 0 },
      targets: { created: 0 },
    });
  });

  it('refuses a broken plan directory with the file, row and field of each error, appending nothing', async () => {
    const broken = subsetPlan(join(work, 'broken'), ['指标02-税收收入.csv']);
    const csv = join(broken, 'targets', '指标02-税收收入.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/^anting,安亭镇,/m, 'antingg,安亭镇,'));
    const indicators = join(broken, 'indicators.yaml');
    writeFileSync(
      indicators,
      readFileSync(indicators, 'utf8').replace('kind: cumulative_growth', 'kind: cumulative-ish'),
    );
    const before = await head();
    const error = await importPlanDirectories(t.app, [broken], { baseDir: ROOT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanFileError);
    const issues = (error as PlanFileError).errors;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'targets/指标02-税收收入.csv',
          line: expect.any(Number),
          field: 'unit',
          message: expect.stringContaining('antingg'),
        }),
        expect.objectContaining({
          file: 'indicators.yaml',
          line: expect.any(Number),
          field: 'kind',
          message: expect.stringContaining('cumulative-ish'),
        }),
      ]),
    );
    expect((error as Error).message).toMatch(/targets\/指标02-税收收入\.csv:\d+ \(unit\)/);
    expect(await head()).toBe(before);
  });
});
