import * as path from 'node:path';
import { loadPlanDirectory, PlanFile } from '../plan-file';
import { fitValue, PLACEHOLDER_UNIT, planImport, PlanImport } from './plan-import';

const root = path.resolve(__dirname, '../../..');

describe('plan import: from a plan file to the API commands', () => {
  let plan: PlanFile;
  let batch: PlanImport;
  let keyTasks: PlanImport;
  beforeAll(async () => {
    plan = await loadPlanDirectory(path.join(root, 'seeds/jiading-2021'));
    batch = planImport(plan, { baseDir: root });
    keyTasks = planImport(await loadPlanDirectory(path.join(root, 'seeds/jiading-2021-key-tasks')), { baseDir: root });
  });

  it('maps every unit, indicator and target of the file, refusing up front only what cannot form a command', () => {
    expect(batch.units).toHaveLength(54);
    expect(batch.fileTargets).toEqual({ district: 101, unit: 708 });
    expect(batch.refusals.map((r) => `${r.kind} ${r.key}`)).toEqual([
      'indicator I19-1',
      'indicator I19-2',
      'target jiading-2021.I19-1.jiading',
      'target jiading-2021.I19-2.jiading',
    ]);
    expect(batch.refusals[0].reason).toContain('unreadable');
    expect(batch.indicators).toHaveLength(109 - 2);
    expect(batch.targets.length + batch.refusals.filter((r) => r.kind === 'target').length).toBe(809);
    // key tasks: one target per responsible unit; the task's own value is their template, not a district target
    expect(keyTasks.fileTargets).toEqual({ district: 0, unit: 110 });
    expect(keyTasks.targets).toHaveLength(110);
  });

  it('keeps the figures as printed, with their unit, on the district and the unit targets', () => {
    const byId = new Map(batch.targets.map((t) => [t.key, t]));
    expect(byId.get('jiading-2021.I02.anting')?.payload).toMatchObject({
      planCode: 'jiading-2021',
      indicatorCode: 'I02',
      unitCode: 'anting',
      assessment: { total: '1760000', unitOfMeasure: '万元' },
    });
    expect(byId.get('jiading-2021.I02.jiading')?.payload.assessment).toMatchObject({ total: '760' });
    expect(byId.get('jiading-2021.I02.jiading')?.district).toBe(true);
    expect(byId.get('jiading-2021.I02.anting')?.district).toBe(false);
    // 外资到位资金 (亿美元) in a table printed in 万美元
    expect(byId.get('jiading-2021.I08.jiading-industrial-zone')?.payload).toMatchObject({
      assessment: { total: '10000', unitOfMeasure: '万美元' },
      work: { total: '12000', unitOfMeasure: '万美元' },
    });
  });

  it('names the source file and row as documentRef when the plan prints no document number', () => {
    const anting = batch.targets.find((t) => t.key === 'jiading-2021.I02.anting')!;
    expect(anting.documentRef).toMatch(/^seeds\/jiading-2021\/targets\/指标02-税收收入\.csv:\d+$/);
    expect(batch.plan.documentRef).toBe('seeds/jiading-2021/plan.yaml');
    expect(batch.indicators.find((i) => i.key === 'I02')?.documentRef).toBe('seeds/jiading-2021/indicators.yaml#I02');
  });

  it('derives command ids from the codes and the content: the same file gives the same ids, an edit gives new ones', () => {
    const again = planImport(plan, { baseDir: root });
    expect(again.targets.map((t) => t.commandId)).toEqual(batch.targets.map((t) => t.commandId));
    expect(new Set(batch.targets.map((t) => t.commandId)).size).toBe(batch.targets.length);
    const edited = structuredClone(plan);
    edited.targets.find((t) => t.indicatorCode === 'I02' && t.unitCode === 'anting')!.assessment!.total = '1760001';
    const changed = planImport(edited, { baseDir: root }).targets.filter(
      (t, i) => t.commandId !== batch.targets[i].commandId,
    );
    expect(changed.map((t) => t.key)).toEqual(['jiading-2021.I02.anting']);
  });

  it('records a work-only target without an assessment (no placeholder) and says so', () => {
    const t = batch.targets.find((x) => x.key === 'jiading-2021.I03.anting')!;
    expect(t.payload.assessment).toBeUndefined();
    expect(t.payload.work).toEqual({ total: '6500', unitOfMeasure: '万元' });
    expect(batch.notes.some((n) => n.topic === 'no-assessment' && n.key === t.key)).toBe(true);
  });

  it('registers indicators that print no unit with the placeholder and refuses an unreadable one', () => {
    const k01 = keyTasks.indicators.find((i) => i.key === 'K01')!;
    expect(k01.payload).toMatchObject({
      kind: 'qualitative',
      unitOfMeasure: PLACEHOLDER_UNIT,
      decomposition: 'decomposed',
      leadUnitCode: 'economy',
    });
    expect(keyTasks.notes.filter((n) => n.topic === 'placeholder-unit')).toHaveLength(97);
  });

  it('carries a second quantity (其中) as data in the target value, not in its text', () => {
    expect(
      fitValue({ total: '3', also: [{ label: '流转面积', total: '1200', unitOfMeasure: '亩' }] }, 'cumulative', '个'),
    ).toEqual({ value: { total: '3', also: [{ label: '流转面积', total: '1200', unitOfMeasure: '亩' }] }, moved: [] });
  });

  describe('fitting values to the target rules', () => {
    it('keeps a figure the kind does not take in the text, without repeating one the text shows', () => {
      expect(fitValue({ total: '0.012', growthPct: '-18' }, 'ceiling', '%')).toEqual({
        value: { total: '0.012', text: '增幅-18%' },
        moved: ['growthPct -18'],
      });
      expect(
        fitValue({ text: '产出1040亿元以上', total: '1040', unitOfMeasure: '亿元' }, 'qualitative', PLACEHOLDER_UNIT),
      ).toEqual({
        value: { text: '产出1040亿元以上' },
        moved: ['total 1040 亿元'],
      });
      expect(fitValue({ total: '5', unitOfMeasure: '个', text: '不超过 5 个' }, 'ceiling', '%').value).toEqual({
        text: '不超过 5 个',
      });
    });
    it('keeps the cap 不超过 5/10 万 under an indicator in % (one ratio dimension: issue 13)', () => {
      expect(fitValue({ total: '5', unitOfMeasure: '1/10万', text: '不超过 5/10 万' }, 'ceiling', '%')).toEqual({
        value: { total: '5', unitOfMeasure: '1/10万', text: '不超过 5/10 万' },
        moved: [],
      });
    });
    it('leaves fitting values alone, converting the rank to a number', () => {
      expect(fitValue({ total: '1760000', unitOfMeasure: '万元', ambiguous: ['total'] }, 'cumulative', '亿元')).toEqual(
        {
          value: { total: '1760000', unitOfMeasure: '万元' },
          moved: [],
        },
      );
      expect(fitValue({ rank: '9', text: '全市 9 名' }, 'rank', '名').value).toEqual({ rank: 9, text: '全市 9 名' });
      expect(fitValue({ text: '良好' }, 'rank', '分')).toEqual({ value: { text: '良好' }, moved: [] });
    });
  });
});
