import * as path from 'path';
import { loadAssessmentDirectory } from './assessment';
import { loadPlanDirectory } from './load';
import { reconcile } from './reconcile';
import { PlanFile, UnitTarget } from './types';

const SEEDS = path.resolve(__dirname, '../../../seeds');

function target(plan: PlanFile, indicatorCode: string, unitCode: string): UnitTarget {
  const t = plan.targets.find((x) => x.indicatorCode === indicatorCode && x.unitCode === unitCode);
  if (!t) throw new Error(`no target ${indicatorCode}/${unitCode}`);
  return t;
}

function indicator(plan: PlanFile, code: string) {
  const ind = plan.indicators.find((i) => i.code === code);
  if (!ind) throw new Error(`no indicator ${code}`);
  return ind;
}

describe('seeds/jiading-2021 (000_06aefe9f3ef5ca77.txt)', () => {
  let plan: PlanFile;
  beforeAll(async () => {
    plan = await loadPlanDirectory(path.join(SEEDS, 'jiading-2021'));
  });

  it('loads the plan, its units and the 109 indicator rows', () => {
    expect(plan.plan).toMatchObject({
      code: 'jiading-2021',
      year: 2021,
      categories: ['经济发展', '城市建设', '社会民生', '生态环境'],
    });
    expect(plan.plan.notPrinted).toEqual(expect.arrayContaining(['issuer', 'documentNo']));
    expect(plan.plan.documentNo).toBeUndefined();
    expect(plan.units).toHaveLength(54);
    expect(plan.units.filter((u) => u.kind === 'district').map((u) => u.code)).toEqual(['jiading']);
    expect(plan.indicators).toHaveLength(109);
    // every printed 序号 1..36 is present
    const serials = new Set(plan.indicators.map((i) => Number(i.serialNo)));
    for (let n = 1; n <= 36; n += 1) expect(serials.has(n)).toBe(true);
  });

  it('has one CSV per printed decomposition table, with the printed number of unit rows', () => {
    const unitRows: Record<string, number> = {
      指标2: 10,
      指标3: 9,
      指标4: 9,
      指标5: 12,
      指标6: 12,
      指标7: 9,
      '指标8-1': 9,
      '指标8-2': 12,
      '指标8-3': 6,
      指标9: 7,
      指标10: 12,
      指标12: 18,
      指标13: 8,
      指标16: 11,
      '指标18-1': 12,
      '指标18-2': 11,
      '指标18-3': 4,
      指标19: 11,
      指标20: 28,
      指标21: 12,
      指标22: 40,
      指标23: 12,
      指标24: 12,
      指标26: 12,
      '指标28-1': 10,
      '指标28-2': 7,
      指标29: 12,
      '指标30-1': 12,
      '指标30-2': 12,
      指标35: 12,
      指标36: 12,
    };
    const actual = Object.fromEntries(
      plan.tables.map((t) => [t.table, t.rows.filter((r) => r.kind === 'unit').length]),
    );
    expect(actual).toEqual(unitRows);
    // a 全区 row wherever the table prints one (指标12 and 指标28-1 do not)
    const withoutDistrict = plan.tables.filter((t) => !t.rows.some((r) => r.kind === 'district')).map((t) => t.table);
    expect(withoutDistrict.sort()).toEqual(['指标12', '指标28-1']);
  });

  it('counts unit targets per table', () => {
    const perTable: Record<string, number> = {};
    for (const t of plan.targets) perTable[t.origin.table ?? ''] = (perTable[t.origin.table ?? ''] ?? 0) + 1;
    expect(perTable).toMatchObject({
      指标2: 20, // 10 units × (税收总收入, 区级税收收入)
      指标5: 36, // 12 units × 3 growth indicators
      指标10: 12,
      指标20: 112, // 28 departments × 4
      指标26: 36, // 12 units × (失业人数, 原城镇, 原农村)
      '指标28-1': 60, // 10 units × 6 texts
      指标36: 48,
    });
    expect(plan.targets).toHaveLength(708);
  });

  it('安亭镇 税收总收入 考核目标 1760000 万元 (指标2)', () => {
    const t = target(plan, 'I02', 'anting');
    expect(t.assessment).toEqual({ total: '1760000', unitOfMeasure: '万元' });
    expect(t.work).toBeUndefined();
    expect(t.origin).toMatchObject({ file: 'targets/指标02-税收收入.csv', table: '指标2', sourceLine: 128 });
    expect(target(plan, 'I02-1', 'anting').assessment?.total).toBe('427064');
    expect(indicator(plan, 'I02')).toMatchObject({
      unitOfMeasure: '亿元',
      kind: 'cumulative_growth',
      assessment: { total: '760', growthPct: '6.2' },
    });
    expect(indicator(plan, 'I02-1')).toMatchObject({
      parentCode: 'I02',
      assessment: { total: '215', growthPct: '12.0' },
    });
  });

  it('全区 新认定高新技术企业 667 / 716 家 (主表 and 指标10)', () => {
    const ind = indicator(plan, 'I10');
    expect(ind).toMatchObject({
      name: '新认定高新技术企业',
      unitOfMeasure: '家',
      kind: 'cumulative',
      leadUnitCodes: ['science'],
    });
    expect(ind.assessment).toEqual({ total: '667' });
    expect(ind.work).toEqual({ total: '716' });
    const districtRow = plan.tables.find((t) => t.table === '指标10')?.rows.find((r) => r.kind === 'district');
    expect(districtRow?.values[0]).toEqual({
      indicatorCode: 'I10',
      assessment: { total: '667', unitOfMeasure: '家' },
      work: { total: '716', unitOfMeasure: '家' },
    });
    expect(target(plan, 'I10', 'nanxiang').assessment?.total).toBe('163');
  });

  it('江桥镇 城乡劳动者登记失业人数 1055 人 (指标26, a ceiling)', () => {
    expect(indicator(plan, 'I26')).toMatchObject({
      kind: 'ceiling',
      assessment: { total: '5980', text: '控制在 5980 以内' },
    });
    expect(target(plan, 'I26', 'jiangqiao').assessment).toEqual({ total: '1055', unitOfMeasure: '人' });
    expect(target(plan, 'I26-1', 'jiangqiao').work?.total).toBe('1040');
    expect(target(plan, 'I26-2', 'jiangqiao').work?.total).toBe('15');
  });

  it('嘉定工业区 外资到位资金 10000 / 12000 万美元 (指标8-1)', () => {
    const t = target(plan, 'I08', 'jiading-industrial-zone');
    expect(t.assessment).toEqual({ total: '10000', unitOfMeasure: '万美元' });
    expect(t.work).toEqual({ total: '12000', unitOfMeasure: '万美元' });
    expect(indicator(plan, 'I08').unitOfMeasure).toBe('亿美元');
  });

  it('keeps text targets in the kind that fits', () => {
    // ceiling with the cap as total: 不超过 5/10 万
    expect(target(plan, 'I24-1', 'anting').assessment).toEqual({
      total: '5',
      unitOfMeasure: '1/10万',
      text: '不超过 5/10 万',
    });
    // rank: 全市 9 名; units rated 良好/优秀
    expect(indicator(plan, 'I30-1').work).toEqual({ rank: '9', text: '全市 9 名' });
    expect(target(plan, 'I30-1', 'nanxiang').work).toEqual({ text: '优秀' });
    // qualitative: 完成市下达目标
    expect(indicator(plan, 'I33')).toMatchObject({ kind: 'qualitative', assessment: { text: '完成市下达目标' } });
    // ≥25000 keeps its printed form beside the floor
    expect(indicator(plan, 'I23-1').work).toEqual({ total: '25000', text: '≥25000' });
    expect(target(plan, 'I23-1', 'nanxiang').work).toEqual({ total: '5800', unitOfMeasure: '份', text: '≥5800' });
    // composite 3+2 stays text
    expect(target(plan, 'I16', 'anting')).toMatchObject({ assessment: { total: '3' }, work: { text: '3+2' } });
    // milestone: 2021年6月底前 → 2021-06-30
    expect(indicator(plan, 'I19')).toMatchObject({
      kind: 'milestone',
      assessment: { deadline: '2021-06-30' },
      work: { deadline: '2021-06-30' },
    });
    // relative
    expect(indicator(plan, 'I25')).toMatchObject({ kind: 'relative', assessment: { text: '与经济增长同步' } });
  });

  it('keeps figures exactly as printed (trailing zeros, no separators)', () => {
    expect(target(plan, 'I06', 'anting').assessment?.total).toBe('872.0');
    expect(target(plan, 'I35', 'nanxiang').work?.total).toBe('18.00');
    expect(target(plan, 'I08-5', 'anting').assessment?.total).toBe('65.5'); // printed "65. 5"
    expect(target(plan, 'I05', 'anting').assessment).toEqual({ growthPct: '5.5' }); // printed "5.5%"
  });

  it('marks unreadable and ambiguous cells', () => {
    expect(indicator(plan, 'I19-1').unreadable).toEqual(['name', 'unitOfMeasure', 'leadUnitCodes']);
    expect(indicator(plan, 'I16').assessment).toMatchObject({ growthPct: '3', ambiguous: ['growthPct'] });
    expect(target(plan, 'I19-4', 'anting').assessment).toMatchObject({ total: '2', ambiguous: ['total'] });
    // merged cell continued across a page break: 同上 marked ambiguous
    expect(target(plan, 'I20', 'justice').assessment).toMatchObject({
      text: '根据各部门政务服务事项网办件比率，进行排名得分。',
      ambiguous: ['text'],
    });
    expect(target(plan, 'I20', 'archives').assessment).toEqual({
      text: '根据各部门政务服务事项网办件比率，进行排名得分。',
    });
  });

  it('reconciles decomposed indicators across units of measure', () => {
    const rows = reconcile(plan);
    const row = (code: string, side: 'assessment' | 'work') =>
      rows.find((r) => r.indicatorCode === code && r.side === side);
    // 760 亿元 against the sum of the 万元 table
    expect(row('I02', 'assessment')).toMatchObject({
      unitOfMeasure: '亿元',
      districtTotal: '760',
      sum: '634.15',
      difference: '-125.85',
      printedDistrictRow: '760',
      printedSubtotals: ['634.15'],
      status: 'shortfall',
    });
    // 6.5 亿美元 against 38000 万美元
    expect(row('I08', 'assessment')).toMatchObject({
      districtTotal: '6.5',
      sum: '3.8',
      difference: '-2.7',
      status: 'shortfall',
    });
    expect(row('I10', 'assessment')).toMatchObject({
      districtTotal: '667',
      sum: '667',
      difference: '0',
      status: 'balanced',
    });
    expect(row('I26', 'assessment')).toMatchObject({ sum: '5980', status: 'balanced' });
    expect(row('I03', 'work')).toMatchObject({ districtTotal: '9.4', sum: '9.36', status: 'shortfall' });
    // growth rates and rates per 10万 do not add up
    expect(row('I05', 'assessment')?.status).toBe('not_summable');
    expect(row('I24-1', 'assessment')).toMatchObject({
      status: 'not_summable',
      districtTotal: '5',
      unitOfMeasure: '1/10万',
    });
  });
});

describe('seeds/jiading-2021-key-tasks (002_27008efcf6a828d5.txt)', () => {
  let plan: PlanFile;
  beforeAll(async () => {
    plan = await loadPlanDirectory(path.join(SEEDS, 'jiading-2021-key-tasks'));
  });

  it('has the 97 key tasks in 12 sections, one target per responsible unit', () => {
    expect(plan.indicators).toHaveLength(97);
    expect(plan.plan.categories).toHaveLength(12);
    expect(plan.indicators.map((i) => i.code)).toEqual(
      Array.from({ length: 97 }, (_, k) => `K${String(k + 1).padStart(2, '0')}`),
    );
    expect(plan.targets).toHaveLength(110);
    for (const ind of plan.indicators) {
      const printed = (ind.responsiblePrinted ?? '').split('、');
      expect(plan.targets.filter((t) => t.indicatorCode === ind.code).map((t) => t.unitCode)).toEqual(
        ind.leadUnitCodes,
      );
      expect(ind.leadUnitCodes).toHaveLength(printed.length);
    }
    // no task states a deadline: all qualitative
    expect(new Set(plan.indicators.map((i) => i.kind))).toEqual(new Set(['qualitative']));
  });

  it('carries the number written in the task', () => {
    const k1 = plan.indicators.find((i) => i.code === 'K01');
    expect(k1?.assessment).toMatchObject({ total: '1040', unitOfMeasure: '亿元' });
    expect(plan.targets.find((t) => t.indicatorCode === 'K01')?.assessment).toMatchObject({
      total: '1040',
      unitOfMeasure: '亿元',
    });
    const k67 = plan.targets.filter((t) => t.indicatorCode === 'K67').map((t) => t.unitCode);
    expect(k67).toEqual(['culture-tourism', 'jiadingzhen', 'jiading-industrial-zone', 'housing-group']);
    const k60 = plan.indicators.find((i) => i.code === 'K60');
    expect(k60?.figures.map((f) => `${f.value}${f.unitOfMeasure}`)).toEqual(['9所', '8所']);
    expect(k60?.assessment?.total).toBeUndefined();
  });
});

describe('seeds/assessment-2021 (003_58dce3c74e7e1719.txt)', () => {
  it('has the 2021 scoring sheet adding up to 100 and the assessment attachments', async () => {
    const data = await loadAssessmentDirectory(path.join(SEEDS, 'assessment-2021'));
    const sheet = data.scoringSheet;
    expect(sheet.items).toHaveLength(20);
    expect(sheet.items.reduce((n, i) => n + Number(i.points), 0)).toBe(100);
    expect(sheet.items[0]).toMatchObject({ no: 1, name: '公共财政预算收入', points: '12' });
    expect(sheet.units).toHaveLength(11);
    expect(data.verifyingUnits.map((v) => v.printed)).toContain('消防救援大队');
    expect(data.leaderGroups).toMatchObject({
      excellentPct: '20',
      advancedPct: '30',
      totals: { unitCount: 37, excellentQuota: 7, advancedQuota: 9 },
    });
    expect(data.leaderGroups.groups).toHaveLength(8);
    expect(data.participants.map((p) => [p.name, p.unitCodes.length])).toEqual([
      ['镇、街道（管委会）', 11],
      ['区政府部门', 37],
    ]);
    expect(data.indicators2022).toHaveLength(39);
    expect(new Set(data.indicators2022.map((i) => i.group)).size).toBe(7);
  });
});
