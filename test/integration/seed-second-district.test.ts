import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FixedClock } from '../../src/shared/clock';
import { formatImportSummary } from '../../src/seeding/import/import-summary';
import { importPlanDirectories, ImportSummary } from '../../src/seeding/import/importer';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { databaseKinds } from '../support/test-databases';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(ROOT, 'src/seeding/plan-file/fixtures/binjiang-2022');
const PLAN = 'binjiang-2022';

/*
 * A second district's plan (issue 13): units of measure it declares itself, an indicator group, a work
 * target only, the plan's issue date, addressees and copy-to list. It imports with nothing refused.
 */
describe.each(databaseKinds())('a second district imported on %s', (kind) => {
  let t: TestApp;
  let work: string;
  let dir: string;
  let first: ImportSummary;
  const get = async (url: string) => {
    const response = await t.inject({ method: 'GET', url, headers: bearer(await t.adminToken()) });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'seed-second-'));
    dir = join(work, PLAN);
    cpSync(FIXTURE, dir, { recursive: true });
    // a warning (not an error): no documentNo and not declared as not printed
    const planYaml = join(dir, 'plan.yaml');
    writeFileSync(planYaml, readFileSync(planYaml, 'utf8').replace(/^documentNo: .*\n/m, ''));
    t = await startTestApp(kind, { clock: new FixedClock(new Date('2022-01-20T02:00:00Z')) });
    first = await importPlanDirectories(t.app, [dir], { baseDir: work });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('imports everything: nothing refused', () => {
    const [plan] = first.plans;
    expect(plan.refusals).toEqual([]);
    expect(plan.indicators).toEqual({ created: 9, unchanged: 0, refused: 0 });
    expect(plan.targets).toMatchObject({ created: 22, refused: 0, inFile: 22, districtInFile: 9, unitInFile: 13 });
  });

  it('keeps the declared units, the plan fields and the indicator group in the catalog', async () => {
    const plans = (await get('/api/plans')) as Array<Record<string, unknown>>;
    expect(plans.find((p) => p.code === PLAN)).toMatchObject({
      issuedOn: '2022-02-15',
      addressees: ['各镇人民政府', '各街道办事处', '区政府各委、办、局'],
      copyTo: ['区委办公室', '区人大常委会办公室'],
      unitsOfMeasure: [
        { symbol: '人/亿元', additive: false },
        { symbol: '幢（个）', additive: true, equals: { factor: '1', unit: '个' } },
        { symbol: '千亩', additive: true, equals: { factor: '1000', unit: '亩' } },
      ],
      rankingGroups: [
        { name: '街镇', kinds: ['town', 'subdistrict'] },
        { name: '委办局', kinds: ['department'] },
      ],
    });
    const indicators = (await get(`/api/plans/${PLAN}/indicators`)) as Array<Record<string, unknown>>;
    expect(indicators.find((i) => i.code === 'I01-1')).toMatchObject({ group: '工业投资', name: '总量' });
    expect(indicators.find((i) => i.code === 'I03')).toMatchObject({ unitOfMeasure: '幢（个）' });
    // Work target only (指导性计划): no placeholder assessment; the work target governs.
    const workOnly = (await get(`/api/targets/${PLAN}.I04.dongzhen`)) as Record<string, unknown>;
    expect(workOnly).toMatchObject({ work: { total: '1800', unitOfMeasure: '亩' }, unitOfMeasure: '亩' });
    expect(workOnly.assessment).toBeUndefined();
  });

  it('imports the printed constructs: split between lead departments, two quantities, district totals from a table', async () => {
    expect(await get(`/api/targets/${PLAN}.I06.binjiang`)).toMatchObject({
      assessment: { total: '140', text: '80（经委）/60（商务委）' },
    });
    expect(await get(`/api/targets/${PLAN}.I06.bj-commerce`)).toMatchObject({ assessment: { total: '60' } });
    const indicators = (await get(`/api/plans/${PLAN}/indicators`)) as Array<Record<string, unknown>>;
    expect(indicators.find((i) => i.code === 'I06')).toMatchObject({
      leadUnitCode: 'bj-economy',
      leadUnitCodes: ['bj-economy', 'bj-commerce'],
    });
    expect(await get(`/api/targets/${PLAN}.I05.binjiang`)).toMatchObject({
      assessment: {
        total: '8',
        text: '8（其中流转面积 3000 亩）',
        also: [{ label: '流转面积', total: '3000', unitOfMeasure: '亩' }],
      },
    });
    expect(await get(`/api/targets/${PLAN}.I07.binjiang`)).toMatchObject({
      assessment: { total: '5000' },
      work: { total: '5500' },
    });
    const { lines } = (await get(`/api/plans/${PLAN}/reconciliation`)) as {
      lines: Array<{ indicatorCode: string; districtTarget: string | null; difference: string | null }>;
    };
    expect(
      lines
        .filter((l) => ['I03', 'I05', 'I06', 'I07', 'I08'].includes(l.indicatorCode))
        .map((l) => [l.indicatorCode, l.districtTarget, l.difference]),
    ).toEqual([
      ['I03', '60', '0'],
      ['I05', '8', '0'],
      ['I06', '140', '0'],
      ['I07', '5000', '0'],
      ['I08', '1000', '0'],
    ]);
    expect(await get(`/api/targets/${PLAN}.I08.bj-commerce`)).toMatchObject({ assessment: { total: '400' } });
  });

  it('prints the validation warnings and the work-target reconciliation', () => {
    const text = formatImportSummary(first).join('\n');
    expect(text).toContain('校验提示 validation warnings (1):');
    expect(text).toContain('plan.yaml:2 documentNo (documentNo) [warning]: 未填写文号');
    expect(text).toContain('分解核对 reconciliation (工作目标, live read model)');
    expect(text).toContain(
      'kept in the plan file only (不导入，仅保留在计划文件中): 序号 serialNo ×9; 来源 source (document, table, lines) ×9; 备注 transcription notes ×2; 表中印刷的全区行 printed district rows of the tables (in the reconciliation only) ×2',
    );
    // The 其中 quantities are data of the target value now (seeds/README.md §6): no note, nothing in the text.
    expect(text).not.toContain('其中…');
    expect(text).toMatch(/I03 新建农民集中居住房屋\s+70 \| 70 \| 0 幢（个）/);
    expect(text).toMatch(/I04 高标准农田建设\s+3 \| 3 \| 0 千亩/); // 1800 亩 + 1200 亩, a work target only
  });

  it('counts the unchanged targets of an indicator refused on a re-import as unchanged, not refused', async () => {
    const indicators = join(dir, 'indicators.yaml');
    writeFileSync(
      indicators,
      readFileSync(indicators, 'utf8').replace('name: 新建农民集中居住房屋', 'name: 新建农民集中居住房屋（改）'),
    );
    for (const csv of ['指标03-新建农民集中居住房屋.csv']) {
      const p = join(dir, 'targets', csv);
      writeFileSync(p, readFileSync(p, 'utf8').replace('I03 新建农民集中居住房屋', 'I03 新建农民集中居住房屋（改）'));
    }
    const again = await importPlanDirectories(t.app, [dir], { baseDir: work });
    const [plan] = again.plans;
    expect(plan.refusals.map((r) => [r.kind, r.key])).toEqual([['indicator', 'I03']]);
    expect(plan.indicators).toEqual({ created: 0, unchanged: 8, refused: 1 });
    expect(plan.targets).toMatchObject({ created: 0, unchanged: 22, refused: 0 });
  });
});
