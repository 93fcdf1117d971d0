import { FixedClock } from '../../../src/shared/clock';
import { bearer, TestApp } from '../../support/test-app';

/** The small plan the browser tests work on, created through the API as an office user would. */
export const PLAN = 'browser-2021';
export const UNITS = [
  { code: 'anting', name: '安亭镇', kind: 'town' },
  { code: 'jiangqiao', name: '江桥镇', kind: 'town' },
  { code: 'nanxiang', name: '南翔镇', kind: 'town' },
] as const;
const INDICATORS = [
  {
    code: 'I01',
    category: '经济发展',
    name: '税收总收入',
    unitOfMeasure: '亿元',
    kind: 'cumulative',
    decomposition: 'decomposed',
  },
  {
    code: 'I02',
    category: '经济发展',
    name: '固定资产投资',
    unitOfMeasure: '亿元',
    kind: 'cumulative',
    decomposition: 'decomposed',
  },
  {
    code: 'I03',
    category: '社会民生',
    name: '新增就业岗位',
    unitOfMeasure: '个',
    kind: 'cumulative',
    decomposition: 'decomposed',
  },
] as const;
const TOTALS: Record<string, string> = { I01: '120', I02: '80', I03: '3000' };

/**
 * Reports: April's two on 2021-05-05 (so a view as of the end of May differs from now), then June's on
 * the clock's later time — anting on pace, jiangqiao far behind on I01, nanxiang silent (overdue).
 */
const EARLY_REPORTS: Array<{ indicator: string; unit: string; period: string; value: string }> = [
  { indicator: 'I01', unit: 'anting', period: '2021-04', value: '45' },
  { indicator: 'I01', unit: 'jiangqiao', period: '2021-04', value: '38' },
];
const REPORTS: Array<{ indicator: string; unit: string; period: string; value: string; decreaseReason?: string }> = [
  { indicator: 'I01', unit: 'anting', period: '2021-06', value: '70' },
  { indicator: 'I02', unit: 'anting', period: '2021-06', value: '45' },
  { indicator: 'I03', unit: 'anting', period: '2021-06', value: '1600' },
  { indicator: 'I01', unit: 'jiangqiao', period: '2021-06', value: '20', decreaseReason: '一季度数据口径核减' },
  { indicator: 'I02', unit: 'jiangqiao', period: '2021-06', value: '39' },
];

export const targetId = (indicator: string, unit: string) => `${PLAN}.${indicator}.${unit}`;

/**
 * Where a suite's FixedClock starts: the seeding's first moment. The event store never records a time
 * before the log's last, so an app booted at a later "now" would record the whole seed at that later
 * time and a view as of May would be empty.
 */
export const SEED_START = new Date('2021-04-01T02:00:00Z');

/** Seeds the plan on the app's FixedClock: assigned on 2021-04-01, April's reports on 2021-05-05, the rest at `now`. */
export async function seedPlan(t: TestApp, clock: FixedClock, now: Date): Promise<void> {
  clock.set(SEED_START);
  // A token per request: the clock jumps, and test-app renews the token when it would have expired by it.
  const post = async (url: string, payload: object) => {
    const response = await t.inject({ method: 'POST', url, payload, headers: bearer(await t.adminToken()) });
    if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  for (const unit of UNITS) await post('/api/units', unit);
  await post('/api/plans', { code: PLAN, year: 2021, title: '2021年浏览器测试计划', documentNo: '测〔2021〕1号' });
  for (const indicator of INDICATORS) await post(`/api/plans/${PLAN}/indicators`, indicator);
  for (const indicator of INDICATORS) {
    for (const unit of UNITS) {
      await post('/api/targets', {
        planCode: PLAN,
        indicatorCode: indicator.code,
        unitCode: unit.code,
        assessment: { total: TOTALS[indicator.code] },
      });
    }
  }
  clock.set(new Date('2021-05-05T02:00:00Z'));
  for (const r of EARLY_REPORTS) {
    await post(`/api/targets/${targetId(r.indicator, r.unit)}/progress`, {
      period: r.period,
      value: r.value,
      narrative: '一季度开局平稳',
    });
  }
  clock.set(now);
  for (const r of REPORTS) {
    await post(`/api/targets/${targetId(r.indicator, r.unit)}/progress`, {
      period: r.period,
      value: r.value,
      narrative: '按计划推进',
      // A falling year-to-date value is refused unless confirmed with a reason.
      ...(r.decreaseReason ? { confirmDecrease: true, decreaseReason: r.decreaseReason } : {}),
    });
  }
}
