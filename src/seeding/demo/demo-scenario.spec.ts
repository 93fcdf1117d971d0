import { shanghaiDate } from '../../rules';
import { buildDemoScenario, DEMO_LABEL, DemoAction, demoHorizon, DemoTarget, shanghai } from './demo-scenario';
import { seededRandom } from './prng';

const target = (
  id: string,
  kind: DemoTarget['indicator']['kind'],
  assessment: DemoTarget['assessment'],
  unitOfMeasure = '亿元',
): DemoTarget => ({
  targetId: `jd.${id}`,
  unitCode: id.split('.')[1],
  indicator: { code: id.split('.')[0], name: id, kind, unitOfMeasure },
  assessment,
});

/** A plan's worth of targets of every kind, 40 units each. */
const targets: DemoTarget[] = Array.from({ length: 40 }, (_, i) => `u${String(i).padStart(2, '0')}`).flatMap((u) => [
  target(`I02.${u}`, 'cumulative', { total: '1760000', unitOfMeasure: '万元' }),
  target(`I03.${u}`, 'growth', { growthPct: '8' }, '%'),
  target(`I04.${u}`, 'cumulative_growth', { total: '390', growthPct: '10' }),
  target(`I05.${u}`, 'level', { total: '16.58' }, '%'),
  target(`I06.${u}`, 'ceiling', { total: '5980' }, '人'),
  target(`I07.${u}`, 'zero_incident', { text: '无重特大事故' }, '次'),
  target(`I08.${u}`, 'milestone', { deadline: '2021-06-30' }, '项'),
  target(`I09.${u}`, 'qualitative', { text: '完成市下达目标' }, '项'),
  target(`I10.${u}`, 'rank', { rank: 9 }, '名'),
  target(`I11.${u}`, 'relative', { text: '不低于全市平均水平' }, '%'),
  target(`I12.${u}`, 'cumulative', { total: '0', unitOfMeasure: '个' }, '个'),
]);

describe('demo scenario', () => {
  const scenario = buildDemoScenario(targets, { year: 2021, untilMonth: 9 });
  const of = <T extends DemoAction['type']>(type: T) =>
    scenario.actions.filter((a): a is Extract<DemoAction, { type: T }> => a.type === type);

  it('is the same on every run and never calls Math.random', () => {
    const random = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    try {
      const again = buildDemoScenario([...targets].reverse(), { year: 2021, untilMonth: 9 });
      expect(JSON.stringify(again)).toBe(JSON.stringify(scenario));
    } finally {
      random.mockRestore();
    }
    expect(seededRandom('x').next()).toBe(seededRandom('x').next());
    expect(seededRandom('x').next()).not.toBe(seededRandom('y').next());
  });

  it('is chronological, with each deadline on the 11th between the reports of its time', () => {
    const times = scenario.actions.map((a) => a.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(of('deadline').map((d) => [d.period, d.at.toISOString()])).toEqual(
      Array.from({ length: 9 }, (_, i) => [`2021-0${i + 1}`, shanghai(2021, i + 2, 11, 0, 30).toISOString()]),
    );
    for (const r of of('report')) {
      const month = Number(r.period.slice(5));
      const day = Number(shanghaiDate(r.at).slice(8));
      expect(shanghaiDate(r.at).slice(0, 7)).toBe(`2021-${String(month + 1).padStart(2, '0')}`);
      if (r.late) expect(day).toBeGreaterThanOrEqual(12);
      else expect(day).toBeLessThanOrEqual(9);
    }
  });

  it('spreads the targets: most on pace, some behind, a few late, missing, corrected and adjusted', () => {
    const p = scenario.profiles;
    const total = Object.values(p).reduce((a, b) => a + b, 0);
    expect(total).toBe(targets.length);
    expect(p.on_pace / total).toBeGreaterThan(0.5);
    for (const profile of ['yellow', 'red', 'recovering', 'slipping'] as const) expect(p[profile]).toBeGreaterThan(0);
    expect(p.zero_target).toBe(40); // see the known issue in demo-scenario.ts
    const reports = of('report');
    expect(reports.filter((r) => r.late).length / reports.length).toBeGreaterThan(0.01);
    expect(reports.filter((r) => r.late).length / reports.length).toBeLessThan(0.08);
    expect(of('correct').length).toBeGreaterThan(0);
    expect(of('adjust').length).toBeGreaterThan(0);
  });

  it('labels every narrative, reason and approval document as demo data', () => {
    for (const r of of('report')) {
      expect(r.report.narrative?.startsWith(DEMO_LABEL)).toBe(true);
      if (r.report.problems) expect(r.report.problems.startsWith(DEMO_LABEL)).toBe(true);
    }
    for (const c of of('correct')) expect(c.reason.startsWith(DEMO_LABEL)).toBe(true);
    for (const a of of('adjust')) {
      expect(a.reason.startsWith(DEMO_LABEL)).toBe(true);
      expect(a.approvalDocument.startsWith(DEMO_LABEL)).toBe(true);
    }
  });

  it('stops where the application clock starts: the 8th of the next month, or CLOCK_START', () => {
    const horizon = demoHorizon('2021-09');
    expect(horizon.toISOString()).toBe('2021-10-08T01:00:00.000Z');
    expect(demoHorizon('2021-09', '2021-12-01T00:00:00+08:00').toISOString()).toBe('2021-11-30T16:00:00.000Z');
    const cut = buildDemoScenario(targets, { year: 2021, untilMonth: 9, horizon });
    expect(cut.actions.length).toBeGreaterThan(0);
    expect(cut.actions.every((a) => a.at <= horizon)).toBe(true);
    expect(
      cut.actions
        .filter((a) => a.type === 'deadline')
        .map((a) => a.key)
        .pop(),
    ).toBe('deadline/2021-08');
    // September's reports are coming in: the early ones are in, the rest are not due yet
    expect(cut.actions.some((a) => a.type === 'report' && a.period === '2021-09')).toBe(true);
    expect(cut.acknowledgeAt.getTime()).toBeLessThan(horizon.getTime());
    expect(cut.acknowledgeAt.getTime()).toBeGreaterThan(cut.actions[cut.actions.length - 1].at.getTime());
  });

  it('reports what each kind needs, year to date', () => {
    const reportsOf = (code: string) => of('report').filter((r) => r.targetId.startsWith(`jd.${code}.`));
    for (const r of reportsOf('I02')) expect(r.report.value).toMatch(/^\d+$/);
    for (const r of reportsOf('I03')) expect(r.report.growthPct).toMatch(/^-?\d+\.\d$/);
    for (const r of reportsOf('I04'))
      expect(r.report).toEqual(expect.objectContaining({ value: expect.any(String), growthPct: expect.any(String) }));
    for (const r of reportsOf('I07')) expect(['0', '1']).toContain(r.report.value);
    for (const r of reportsOf('I08')) expect(typeof r.report.done).toBe('boolean');
    for (const r of reportsOf('I09')) expect(['on_track', 'at_risk', 'off_track']).toContain(r.report.selfRating);
    for (const r of reportsOf('I10')) expect(Number(r.report.value)).toBeGreaterThanOrEqual(1);
    for (const r of reportsOf('I11')) expect(r.report.referenceValue).toBeDefined();
    expect(reportsOf('I12')).toEqual([]);
    // a running total never goes down
    const anting = reportsOf('I02')
      .filter((r) => r.unitCode === 'u00')
      .map((r) => Number(r.report.value));
    expect(anting).toEqual([...anting].sort((a, b) => a - b));
  });

  it('lowers an adjusted target by a tenth and corrects a month some days after its report', () => {
    for (const a of of('adjust')) {
      const t = targets.find((x) => x.targetId === a.targetId)!;
      expect(Number(a.assessment.total)).toBeCloseTo(Number(t.assessment!.total) * 0.9, 0);
    }
    for (const c of of('correct')) {
      const report = of('report').find((r) => r.targetId === c.targetId && r.period === c.period)!;
      expect(c.at.getTime()).toBeGreaterThan(report.at.getTime());
    }
  });
});
