import * as path from 'path';
import { formatIssue } from './issues';
import { readPlanDirectory } from './load';
import { reconcile } from './reconcile';
import { PlanDirectoryFiles, PlanFile } from './types';
import { validatePlanFile } from './validate';

const FIXTURE = path.resolve(__dirname, 'fixtures/binjiang-2022');

/** The fixture with some files replaced or added. */
async function variant(files: Record<string, string>): Promise<PlanDirectoryFiles> {
  const input = await readPlanDirectory(FIXTURE);
  return { dir: input.dir, files: { ...input.files, ...files } };
}

function loaded(input: PlanDirectoryFiles): PlanFile {
  const result = validatePlanFile(input);
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
  return result.plan;
}

describe('a second district (fixtures/binjiang-2022)', () => {
  let plan: PlanFile;
  beforeAll(async () => {
    plan = loaded(await readPlanDirectory(FIXTURE));
  });

  it('loads with no error and no warning', async () => {
    const result = validatePlanFile(await readPlanDirectory(FIXTURE));
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatIssue)).toEqual([]);
  });

  it('keeps the issue date, addressees and copy-to list as plan fields', () => {
    expect(plan.plan).toMatchObject({
      issuedOn: '2022-02-15',
      addressees: ['各镇人民政府', '各街道办事处', '区政府各委、办、局'],
      copyTo: ['区委办公室', '区人大常委会办公室'],
    });
  });

  it('keeps the plan’s ranking groups (排名分组) for the bulletins, and refuses a group naming an unknown unit', async () => {
    expect(plan.plan.rankingGroups).toEqual([
      { name: '街镇', kinds: ['town', 'subdistrict'] },
      { name: '委办局', kinds: ['department'] },
    ]);
    const input = await readPlanDirectory(FIXTURE);
    input.files['plan.yaml'] = input.files['plan.yaml'].replace(
      '{ name: 委办局, kinds: [department] }',
      '{ name: 委办局, units: [bj-economy, nowhere] }',
    );
    const result = validatePlanFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        expect.objectContaining({
          file: 'plan.yaml',
          line: expect.any(Number),
          field: 'units',
          message: expect.stringContaining("'nowhere'"),
        }),
      ]);
  });

  it('reads the units of measure the plan declares', () => {
    expect(plan.unitsOfMeasure.map((u) => [u.symbol, u.additive, u.equals?.unit])).toEqual([
      ['人/亿元', false, undefined],
      ['幢（个）', true, '个'],
      ['千亩', true, '亩'],
    ]);
  });

  it('reconciles in declared units, converting exactly (1 千亩 = 1000 亩)', () => {
    const rows = reconcile(plan);
    expect(rows.find((r) => r.indicatorCode === 'I03' && r.side === 'assessment')).toMatchObject({
      districtTotal: '60',
      sum: '60',
      status: 'balanced',
      printedDistrictRow: '60',
    });
    expect(rows.find((r) => r.indicatorCode === 'I04' && r.side === 'work')).toMatchObject({
      districtTotal: '3',
      sum: '3',
      status: 'balanced',
      unitOfMeasure: '千亩',
    });
  });

  it('does not add up a declared unit that is not additive', async () => {
    const input = await variant({
      'indicators.yaml': (await readPlanDirectory(FIXTURE)).files['indicators.yaml'].replace(
        '  leadUnitCodes: [bj-safety]\n  decomposition: not_decomposed',
        '  leadUnitCodes: [bj-safety]\n  decomposition: decomposed',
      ),
      'targets/指标02.csv': '# table: 指标2\nunit,单位,I02.考核目标.总量\ndongzhen,东镇,0.01\nxizhen,西镇,0.02\n',
    });
    const row = reconcile(loaded(input)).find((r) => r.indicatorCode === 'I02');
    expect(row).toMatchObject({ status: 'not_summable', sum: null });
  });
});

describe('plans as they are printed', () => {
  let plan: PlanFile;
  beforeAll(async () => {
    plan = loaded(await readPlanDirectory(FIXTURE));
  });
  const indicator = (code: string) => plan.indicators.find((i) => i.code === code);
  const row = (code: string, side = 'assessment') =>
    reconcile(plan).find((r) => r.indicatorCode === code && r.side === side);

  it('keeps indicator groups (工业投资 over 增幅 and 总量)', () => {
    expect(plan.indicators.filter((i) => i.group === '工业投资').map((i) => [i.code, i.name])).toEqual([
      ['I01', '增幅'],
      ['I01-1', '总量'],
    ]);
  });

  it('a cell with two quantities: 8（其中流转面积 3000 亩）, in YAML and in a 其中 column', () => {
    expect(indicator('I05')?.assessment).toEqual({
      total: '8',
      also: [{ label: '流转面积', total: '3000', unitOfMeasure: '亩' }],
      text: '8（其中流转面积 3000 亩）',
    });
    const dongzhen = plan.targets.find((t) => t.indicatorCode === 'I05' && t.unitCode === 'dongzhen');
    expect(dongzhen?.assessment).toEqual({
      total: '3',
      also: [{ label: '流转面积', total: '1200', unitOfMeasure: '亩' }],
      text: '3（其中流转面积 1200 亩）',
    });
    expect(row('I05')).toMatchObject({ districtTotal: '8', sum: '8', status: 'balanced' }); // the second quantity is not summed
  });

  it('a district figure split between lead departments: 80（经委）/60（商务委）', () => {
    const shares = plan.targets.filter((t) => t.indicatorCode === 'I06');
    expect(shares.map((t) => [t.unitCode, t.assessment?.total, t.origin.split])).toEqual([
      ['bj-economy', '80', true],
      ['bj-commerce', '60', true],
    ]);
    expect(indicator('I06')?.assessment).toEqual({ total: '140', text: '80（经委）/60（商务委）' });
    expect(row('I06')).toMatchObject({ districtTotal: '140', sum: '140', status: 'balanced' });
  });

  it('district totals printed only in a decomposition table (# district: target)', () => {
    expect(indicator('I07')).toMatchObject({
      assessment: { total: '5000' },
      work: { total: '5500' },
      districtFrom: { assessment: 'targets/指标07-新增就业岗位.csv:6' },
    });
    expect(row('I07')).toMatchObject({
      districtTotal: '5000',
      sum: '5000',
      status: 'balanced',
      printedDistrictRow: '5000',
    });
    expect(row('I07', 'work')).toMatchObject({ districtTotal: '5500', sum: '5500', status: 'balanced' });
  });

  it('a table with one column per department (I08.考核目标.总量@bj-economy)', () => {
    const targets = plan.targets.filter((t) => t.indicatorCode === 'I08');
    expect(targets.map((t) => [t.unitCode, t.assessment?.total, t.origin.line])).toEqual([
      ['bj-economy', '600', 6],
      ['bj-commerce', '400', 6],
    ]);
    expect(row('I08')).toMatchObject({
      districtTotal: '1000',
      sum: '1000',
      printedDistrictRow: '1000',
      status: 'balanced',
    });
  });

  it('refuses a department column with a value on a unit row', async () => {
    const input = await variant({
      'targets/指标08-新增注册企业.csv':
        '# table: 指标8\nunit,单位,I08.考核目标.总量@bj-economy\nbinjiang,全区,600\ndongzhen,东镇,100\n',
    });
    const result = validatePlanFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map(formatIssue)).toEqual([
        expect.stringContaining(
          'targets/指标08-新增注册企业.csv:4 (I08.考核目标.总量@bj-economy): 单位列（@bj-economy）只能填在全区行',
        ),
      ]);
  });

  it('refuses a split share for a unit that is not a lead, and a district target given twice', async () => {
    const input = await readPlanDirectory(FIXTURE);
    const result = validatePlanFile({
      ...input,
      files: {
        ...input.files,
        'indicators.yaml': input.files['indicators.yaml']
          .replace(
            '- { unit: bj-commerce, assessment: { total: 60 } }',
            '- { unit: bj-safety, assessment: { total: 60 } }',
          )
          .replace(
            '  source: { file: binjiang-2022.pdf, table: 指标7, lines: 40-44 }',
            '  assessment: { total: 5000 }\n  source: { file: binjiang-2022.pdf, table: 指标7, lines: 40-44 }',
          ),
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatIssue)).toEqual([
      expect.stringContaining(
        "indicators.yaml:78 [6].split[1].unit (unit): split 的单位 'bj-safety' 不是指标 I06 的牵头单位",
      ),
      expect.stringContaining(
        'targets/指标07-新增就业岗位.csv:6 (I07.考核目标.总量): 指标 I07 的区级考核目标已在 indicators.yaml 中给出',
      ),
    ]);
  });
});

describe('units of measure a plan does not declare', () => {
  it('are refused naming file, row, field and the declaration to add', async () => {
    const input = await readPlanDirectory(FIXTURE);
    const without = input.files['units-of-measure.yaml'].split('- symbol: 幢（个）')[0];
    const result = validatePlanFile({ ...input, files: { ...input.files, 'units-of-measure.yaml': without } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.errors.find((e) => e.field === 'unitOfMeasure');
    expect(issue).toMatchObject({ file: 'indicators.yaml', path: '[3].unitOfMeasure', line: 38 });
    expect(issue?.message).toContain("未知计量单位 '幢（个）'：请在 units-of-measure.yaml 中声明");
    expect(issue?.message).toContain(
      'declare it in units-of-measure.yaml (- { symbol: 幢（个）, name: …, additive: true|false, equals: { factor: …, unit: … } })',
    );
  });

  it('a table column in an unknown unit is refused the same way', async () => {
    const input = await variant({
      'targets/指标04-高标准农田建设.csv': '# table: 指标4\nunit,单位,I04.工作目标.总量(万亩亩)\ndongzhen,东镇,1800\n',
    });
    const result = validatePlanFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map(formatIssue)).toEqual([
        expect.stringContaining(
          "targets/指标04-高标准农田建设.csv:2 (I04.工作目标.总量(万亩亩)): 未知计量单位 '万亩亩'",
        ),
      ]);
  });

  it('declarations that do not fit are refused naming their field', async () => {
    const result = validatePlanFile(
      await variant({
        'units-of-measure.yaml': [
          '- { symbol: 万元, name: again, additive: true }',
          '- { symbol: 幢（个）, name: b, additive: maybe, equals: { factor: 1, unit: 个 } }',
          '- { symbol: 千亩, name: c, additive: true, equals: { factor: 1000, unit: 畝畝 } }',
          '- { symbol: 人/亿元, name: d, additive: false, colour: red }',
        ].join('\n'),
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const own = result.errors
      .filter((e) => e.file === 'units-of-measure.yaml')
      .map((e) => [e.line, e.field, e.message.split(' ')[0]]);
    expect(own).toEqual([
      [1, 'symbol', '计量单位“万元”已有定义（万元），不必声明'],
      [2, 'additive', 'additive'],
      [3, 'equals', '换算目标“畝畝”不是已知计量单位'],
      [4, 'colour', '未知字段'],
    ]);
  });
});

describe('the district unit', () => {
  it('two units of kind district without districtUnitCode are refused', async () => {
    const input = await readPlanDirectory(FIXTURE);
    const units = `${input.files['units.yaml']}- { code: other-district, name: 另一区, kind: district }\n`;
    const result = validatePlanFile({ ...input, files: { ...input.files, 'units.yaml': units } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        expect.objectContaining({
          file: 'plan.yaml',
          field: 'districtUnitCode',
          message: expect.stringContaining('2 units of kind district (binjiang, other-district)'),
        }),
      ]);
    }
  });

  it('districtUnitCode names which one holds the district targets', async () => {
    const input = await readPlanDirectory(FIXTURE);
    const files = {
      ...input.files,
      'units.yaml': `${input.files['units.yaml']}- { code: other-district, name: 另一区, kind: district }\n`,
      'plan.yaml': `${input.files['plan.yaml']}districtUnitCode: binjiang\n`,
    };
    expect(loaded({ ...input, files }).plan.districtUnitCode).toBe('binjiang');
    const wrong = validatePlanFile({
      ...input,
      files: { ...files, 'plan.yaml': `${input.files['plan.yaml']}districtUnitCode: dongzhen\n` },
    });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok)
      expect(wrong.errors[0].message).toContain("districtUnitCode 'dongzhen' is not a unit of kind district");
  });
});
