import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatIssue } from './issues';
import { loadPlanDirectory, PlanFileError, tryLoadPlanDirectory } from './load';
import { PlanFileIssue } from './types';
import { validatePlanFile } from './validate';

const SEEDS = path.resolve(__dirname, '../../../seeds');
const TAX_CSV = 'targets/指标02-税收收入.csv';

let tmp: string;
beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plan-file-'));
  await fs.cp(path.join(SEEDS, 'jiading-2021'), path.join(tmp, 'jiading-2021'), { recursive: true });
  await fs.cp(path.join(SEEDS, 'jiading-2021-key-tasks'), path.join(tmp, 'jiading-2021-key-tasks'), {
    recursive: true,
  });
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const plan = (name = 'jiading-2021') => path.join(tmp, name);

/** Replaces `from` (must occur exactly once) in a file of the copied plan. */
async function edit(file: string, from: string, to: string, dir = 'jiading-2021'): Promise<void> {
  const p = path.join(tmp, dir, file);
  const text = await fs.readFile(p, 'utf8');
  expect(text.split(from)).toHaveLength(2);
  await fs.writeFile(p, text.replace(from, to), 'utf8');
}

/** 1-based line of the first line of `file` that starts with `prefix`. */
async function lineOf(file: string, prefix: string, dir = 'jiading-2021'): Promise<number> {
  const lines = (await fs.readFile(path.join(tmp, dir, file), 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.startsWith(prefix));
  expect(i).toBeGreaterThanOrEqual(0);
  return i + 1;
}

async function errorsOf(dir = plan()): Promise<PlanFileIssue[]> {
  const result = await tryLoadPlanDirectory(dir);
  if (result.ok) throw new Error('expected the plan file to be refused');
  return result.errors;
}

describe('refusing broken plan files', () => {
  it('accepts the unmodified copy', async () => {
    const result = await tryLoadPlanDirectory(plan());
    expect(result.ok).toBe(true);
  });

  it('unknown unit code in a decomposition table: file, row and field', async () => {
    await edit(TAX_CSV, 'anting,安亭镇,128,', 'xx,安亭镇,128,');
    const errors = await errorsOf();
    expect(errors).toContainEqual({
      severity: 'error',
      file: TAX_CSV,
      line: await lineOf(TAX_CSV, 'xx,'),
      field: 'unit',
      message: "未知单位代码 'xx' Unknown unit code 'xx'",
    });
    await expect(loadPlanDirectory(plan())).rejects.toBeInstanceOf(PlanFileError);
  });

  it('bad decimal (thousands separators) in a table cell', async () => {
    await edit(TAX_CSV, 'anting,安亭镇,128,1760000,', 'anting,安亭镇,128,"1,760,000",');
    const errors = await errorsOf();
    const e = errors.find((x) => x.field === 'I02.考核目标.总量(万元)');
    expect(e).toMatchObject({ file: TAX_CSV, line: await lineOf(TAX_CSV, 'anting,') });
    expect(e?.message).toContain('不是纯数字');
    expect(e?.message).toContain("Not a plain decimal: '1,760,000'");
  });

  it('bad decimal in YAML', async () => {
    await edit('indicators.yaml', 'assessment: { total: 667 }', 'assessment: { total: 667家 }');
    const errors = await errorsOf();
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: 'indicators.yaml',
        field: 'total',
        message: expect.stringContaining("Not a plain decimal: '667家'"),
      }),
    );
    const e = errors.find((x) => x.field === 'total');
    expect(e?.path).toMatch(/^\[\d+\]\.assessment\.total$/);
  });

  it('missing required field in indicators.yaml: path and line', async () => {
    await edit(
      'indicators.yaml',
      '  name: 税收总收入\n  unitOfMeasure: 亿元\n  kind: cumulative_growth\n',
      '  name: 税收总收入\n  unitOfMeasure: 亿元\n',
    );
    const errors = await errorsOf();
    expect(errors).toContainEqual({
      severity: 'error',
      file: 'indicators.yaml',
      line: await lineOf('indicators.yaml', '- code: I02'),
      path: '[1].kind',
      field: 'kind',
      message: "缺少必填字段 'kind' Missing required field 'kind'",
    });
  });

  it('target value fields that do not fit the kind (growth written as a total)', async () => {
    await edit(
      'indicators.yaml',
      '  assessment: { growthPct: 5 }\n  work: { growthPct: 6 }',
      '  assessment: { total: 5 }\n  work: { growthPct: 6 }',
    );
    const errors = await errorsOf();
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: 'indicators.yaml',
        path: '[7].assessment.total',
        field: 'total',
        message: expect.stringContaining('total does not apply to a growth target'),
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: 'indicators.yaml',
        path: '[7].assessment.growthPct',
        field: 'growthPct',
        message:
          '增幅 growth 类指标的目标必须填写 growthPct（指标 I05） a growth target needs growthPct (indicator I05)',
      }),
    );
  });

  it('wrong kind fields in a table column (growth column for a cumulative indicator)', async () => {
    const csv = 'targets/指标10-新认定高新技术企业.csv';
    await edit(csv, 'I10.考核目标.总量(家)', 'I10.考核目标.增幅%');
    const errors = await errorsOf();
    const line = await lineOf(csv, 'anting,', 'jiading-2021');
    const rowErrors = errors.filter((e) => e.file === csv && e.line === line);
    expect(rowErrors.map((e) => e.field)).toEqual(['I10.考核目标.增幅%', 'I10.考核目标.增幅%']);
    expect(rowErrors.map((e) => e.message)).toEqual([
      '累计总量 cumulative 类指标的目标必须填写 total（指标 I10，考核目标） a cumulative target needs total (indicator I10, assessment)',
      '累计总量 cumulative 类指标的目标不使用 growthPct（指标 I10，考核目标） growthPct does not apply to a cumulative target (indicator I10, assessment)',
    ]);
  });

  it('milestone without a valid deadline', async () => {
    await edit(
      'indicators.yaml',
      '  assessment:\n    deadline: 2021-06-30\n',
      '  assessment:\n    deadline: 2021-06-31\n',
    );
    const errors = await errorsOf();
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: 'indicators.yaml',
        field: 'deadline',
        message: expect.stringContaining("'2021-06-31' is not a valid date"),
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: 'indicators.yaml',
        field: 'deadline',
        message: expect.stringContaining('a milestone target needs deadline'),
      }),
    );
  });

  it('ceiling without a cap, qualitative without a text, rank without a rank', async () => {
    await edit(
      'indicators.yaml',
      '  assessment: { total: 5980, text: 控制在 5980 以内 }',
      '  assessment: { growthPct: 1 }',
    );
    await edit(
      'indicators.yaml',
      '  assessment: { text: 持续推进城运体系规范化、实体化运行 }',
      '  assessment: { total: 1 }',
    );
    await edit('indicators.yaml', '  work: { rank: 9, text: 全市 9 名 }', '  work: { total: 9 }');
    const messages = (await errorsOf()).map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('a ceiling target needs total (indicator I26)'),
        expect.stringContaining('a qualitative target needs text (indicator I21)'),
        expect.stringContaining('a rank target needs rank (indicator I30-1)'),
      ]),
    );
  });

  it('unknown enum values, unknown fields, unknown parent and duplicate codes', async () => {
    await edit('indicators.yaml', '  kind: milestone\n', '  kind: deadline\n');
    await edit('indicators.yaml', '  parentCode: I07\n', '  parentCode: I99\n');
    await edit('indicators.yaml', '- code: I36-3\n', '- code: I36-2\n');
    await edit('indicators.yaml', '  name: 农业总产值\n', '  name: 农业总产值\n  colour: green\n');
    await edit(
      'units.yaml',
      '- code: anting\n  name: 安亭镇\n  kind: town\n',
      '- code: anting\n  name: 安亭镇\n  kind: village\n',
    );
    const errors = await errorsOf();
    const msg = errors.map(formatIssue).join('\n');
    expect(msg).toContain("'kind' must be one of cumulative, growth, cumulative_growth");
    expect(msg).toContain("Unknown parent indicator code 'I99'");
    expect(msg).toContain("Duplicate indicator code 'I36-2'");
    expect(msg).toContain("未知字段 'colour' Unknown field 'colour'");
    expect(errors).toContainEqual(expect.objectContaining({ file: 'units.yaml', path: '[2].kind', field: 'kind' }));
  });

  it('duplicate unit rows in a table, wrong printed name, ditto without a value above', async () => {
    const csv = 'targets/指标13-产业结构调整.csv';
    await edit(csv, 'huating,华亭镇,338,10,11,', 'anting,安亭镇,338,10,11,');
    await edit(csv, 'xuhang,徐行镇,335,8,9,', 'xuhang,外冈镇,335,8,9,');
    const csv28 = 'targets/指标28-2-美丽乡村.csv';
    await edit(csv28, 'jiading,全 区,648,3,7,', 'jiading,全 区,648,同上,7,');
    const errors = await errorsOf();
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: csv,
        line: await lineOf(csv, 'anting,安亭镇,338'),
        field: 'unit',
        message: expect.stringContaining("Duplicate row for unit 'anting'"),
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: csv,
        line: await lineOf(csv, 'xuhang,'),
        field: '单位',
        message: expect.stringContaining("Printed name '外冈镇' does not match unit 'xuhang'"),
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: csv28,
        field: 'I28-1.考核目标.总量(个)',
        message: expect.stringContaining('同上'),
      }),
    );
  });

  it('the same target in two places is refused', async () => {
    await edit(
      TAX_CSV,
      'jingfu,经服公司,137,196500,58190,',
      'jingfu,经服公司,137,196500,58190,\nnanxiang,南翔镇,131,936000,283360,',
    );
    const errors = await errorsOf();
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining("Duplicate row for unit 'nanxiang'")]),
    );
  });

  it('unknown unit code in an inline key-task target: path and field', async () => {
    await edit(
      'indicators.yaml',
      '  targets:\n    - unit: economy\n  source: { file: 002_27008efcf6a828d5.txt, lines: 2 }',
      '  targets:\n    - unit: nobody\n  source: { file: 002_27008efcf6a828d5.txt, lines: 2 }',
      'jiading-2021-key-tasks',
    );
    const errors = await errorsOf(plan('jiading-2021-key-tasks'));
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: 'indicators.yaml',
        path: '[0].targets[0].unit',
        field: 'unit',
        message: "未知单位代码 'nobody' Unknown unit code 'nobody'",
      }),
    );
  });

  it('CSV structure: unrecognised column, ragged row, missing table directive', async () => {
    const csv = 'targets/指标09-外贸进出口.csv';
    await edit(csv, '# table: 指标9\n', '');
    await edit(csv, 'I09-1.工作目标.总量(亿元)', 'I09-1.工作.总量(亿元)');
    await edit(csv, 'xuhang,徐行镇,281,35,36,11,12,', 'xuhang,徐行镇,281,35,36,11,');
    const errors = (await errorsOf()).filter((e) => e.file === csv);
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['table', 'I09-1.工作.总量(亿元)']));
    expect(errors).toContainEqual(
      expect.objectContaining({
        line: await lineOf(csv, 'xuhang,'),
        message: expect.stringContaining('Row has 7 cells, the header has 8'),
      }),
    );
  });

  it('YAML syntax errors name the line', () => {
    const result = validatePlanFile({
      dir: 'x',
      files: { 'plan.yaml': 'code: x\nyear: [2021\n', 'indicators.yaml': '[]', 'units.yaml': '[]' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]).toMatchObject({ file: 'plan.yaml', message: expect.stringContaining('YAML 语法错误') });
      expect(result.errors[0].line).toBeGreaterThanOrEqual(2);
    }
  });
});
