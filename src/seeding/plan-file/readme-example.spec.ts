import { promises as fs } from 'fs';
import * as path from 'path';
import { formatIssue } from './issues';
import { reconcile } from './reconcile';
import { validatePlanFile } from './validate';

const README = path.resolve(__dirname, '../../../seeds/README.md');

/** The code blocks of one README section, by the file name written above each. */
async function section(from: string, to: string) {
  const readme = await fs.readFile(README, 'utf8');
  const text = readme.slice(readme.indexOf(from), readme.indexOf(to));
  return (name: string) => {
    const m = new RegExp(
      '`' + name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '`(?: \\(excerpt\\))?\\n```\\w+\\n([\\s\\S]*?)```',
    ).exec(text);
    if (!m) throw new Error(`no block for ${name}`);
    return m[1];
  };
}

/** The worked examples in seeds/README.md must themselves be valid plans. */
describe('seeds/README.md worked example', () => {
  it('validates and reconciles', async () => {
    const block = await section('## 12. Worked example', '## 12a.');
    const files = {
      'plan.yaml': block('plan.yaml'),
      'units.yaml': block('units.yaml'),
      'indicators.yaml': block('indicators.yaml'),
      'targets/指标03-新增注册企业数.csv': block('targets/指标03-新增注册企业数.csv'),
    };
    const result = validatePlanFile({ dir: 'example', files });
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.warnings).toEqual([]);
    expect(result.plan.targets.map((t) => [t.unitCode, t.assessment?.total, t.work?.total])).toEqual([
      ['jiazhen', '6000', '7500'],
      ['yijiedao', undefined, '200'],
    ]);
    expect(reconcile(result.plan).find((r) => r.side === 'assessment')).toMatchObject({
      districtTotal: '40000',
      sum: '6000',
      status: 'shortfall',
    });
  });

  it('§8a: units the plan declares (with the §12 plan and units)', async () => {
    const base = await section('## 12. Worked example', '## 12a.');
    const block = await section('## 8a. Units a plan declares', '## 9.');
    const files = {
      'plan.yaml': base('plan.yaml').replace('categories: [经济发展]', 'categories: [经济发展, 乡村振兴]'),
      'units.yaml': base('units.yaml'),
      'units-of-measure.yaml': block('units-of-measure.yaml'),
      'indicators.yaml': block('indicators.yaml'),
      'targets/指标04-高标准农田建设.csv': block('targets/指标04-高标准农田建设.csv'),
    };
    const result = validatePlanFile({ dir: 'example', files });
    if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
    expect(result.plan.unitsOfMeasure.map((u) => u.symbol)).toEqual(['人/亿元', '幢（个）', '千亩']);
    expect(reconcile(result.plan).find((r) => r.indicatorCode === 'I04')).toMatchObject({
      side: 'work',
      districtTotal: '3',
      sum: '3',
      status: 'balanced',
    });
    // without the declaration, the indicator is refused naming the declaration to add
    const without = validatePlanFile({ dir: 'example', files: { ...files, 'units-of-measure.yaml': '[]' } });
    expect(without.ok).toBe(false);
    if (!without.ok)
      expect(without.errors.map(formatIssue)[0]).toContain(
        "indicators.yaml:4 [0].unitOfMeasure (unitOfMeasure): 未知计量单位 '千亩'：请在 units-of-measure.yaml 中声明",
      );
  });
});

describe('seeds/README.md §12a: plans as they are printed', () => {
  it('validates, keeps the plan fields, groups, split, second quantity and the table district row, and reconciles', async () => {
    const base = await section('## 12. Worked example', '## 12a.');
    const block = await section('## 12a. Plans as they are printed', '## 13.');
    const files = {
      'plan.yaml': block('plan.yaml'),
      'units.yaml': `${base('units.yaml')}- { code: commerce, name: 商务委, kind: department }\n`,
      'indicators.yaml': block('indicators.yaml'),
      'targets/指标07-新增就业岗位.csv': block('targets/指标07-新增就业岗位.csv'),
    };
    const result = validatePlanFile({ dir: 'example', files });
    if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
    expect(result.warnings).toEqual([]);
    const { plan } = result;
    expect(plan.plan).toMatchObject({
      issuedOn: '2022-02-15',
      addressees: ['各镇人民政府', '各街道办事处'],
      copyTo: ['区委办公室'],
    });
    expect(plan.indicators.map((i) => [i.code, i.group])).toEqual([
      ['I06', '招商引资'],
      ['I05', '农业经营主体'],
      ['I07', undefined],
    ]);
    expect(plan.indicators[0].assessment).toEqual({ total: '140', text: '80（经委）/60（商务委）' });
    expect(plan.targets.filter((t) => t.indicatorCode === 'I06').map((t) => [t.unitCode, t.assessment?.total])).toEqual(
      [
        ['economy', '80'],
        ['commerce', '60'],
      ],
    );
    expect(plan.indicators[1].assessment?.also).toEqual([{ label: '流转面积', total: '3000', unitOfMeasure: '亩' }]);
    const rows = reconcile(plan);
    expect(rows.find((r) => r.indicatorCode === 'I06')).toMatchObject({
      districtTotal: '140',
      sum: '140',
      status: 'balanced',
    });
    expect(rows.find((r) => r.indicatorCode === 'I07' && r.side === 'assessment')).toMatchObject({
      districtTotal: '5000',
      sum: '5000',
      status: 'balanced',
    });
  });
});
