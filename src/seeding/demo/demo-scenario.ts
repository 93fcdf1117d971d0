/**
 * The demo year's script (pure, deterministic): who reports what, when, for every target of the demo
 * plans — most on pace, some yellow, some red, some recovering or slipping, a few late or missing, a few
 * corrections and mid-year adjustments — with the report deadlines interleaved at their simulated times.
 * Every figure is synthetic and every text starts with DEMO_LABEL.
 */
import type { IndicatorKind } from '../../catalog/domain/catalog-codes';
import { formatPeriod } from '../../rules';
import { dec, Dec, toPlainString } from '../../shared/decimal';
import { convert, findUnit } from '../../shared/units-of-measure';
import type { ProgressReport } from '../../targets/domain/target.types';
import { governingTarget, type TargetValue } from '../../targets/domain/target-value';
import { Random, seededRandom } from './prng';

export { DEMO_LABEL } from '../../shared/demo-label';
import { DEMO_LABEL } from '../../shared/demo-label';

export interface DemoTarget {
  targetId: string;
  unitCode: string;
  indicator: {
    code: string;
    name: string;
    kind: IndicatorKind;
    unitOfMeasure: string;
    direction?: 'higher_is_better' | 'lower_is_better';
    reportingMonths?: number;
  };
  /** absent on a work target only (指导性计划) */
  assessment?: TargetValue;
  work?: TargetValue;
}

/** How a target fares over the year (drawn once per target from its own random stream). */
export type DemoProfile = 'on_pace' | 'yellow' | 'red' | 'recovering' | 'slipping' | 'missing' | 'zero_target';
type Level = 'green' | 'yellow' | 'red';

export type DemoAction =
  | {
      type: 'report';
      key: string;
      at: Date;
      targetId: string;
      unitCode: string;
      period: string;
      report: ProgressReport;
      late: boolean;
    }
  | {
      type: 'correct';
      key: string;
      at: Date;
      targetId: string;
      unitCode: string;
      period: string;
      correction: ProgressReport;
      reason: string;
    }
  | {
      type: 'adjust';
      key: string;
      at: Date;
      targetId: string;
      unitCode: string;
      assessment: TargetValue;
      reason: string;
      approvalDocument: string;
    }
  | { type: 'deadline'; key: string; at: Date; period: string };

export interface DemoScenario {
  /** When the plans are imported and the demo users created (before the first report is due). */
  importAt: Date;
  /** Chronological; deadlines between the reports of their time. */
  actions: DemoAction[];
  /** After the last action (before the horizon): when units answer some of their open red warnings. */
  acknowledgeAt: Date;
  profiles: Record<DemoProfile, number>;
}

export interface ScenarioOptions {
  year: number;
  /** Reports are generated for months 1 … untilMonth of `year`. */
  untilMonth: number;
  /**
   * Nothing happens after this moment: the moment the application's simulated clock starts from
   * (demoHorizon), so the log never holds an event "in the future" of the running application.
   */
  horizon?: Date;
}

/**
 * Where the demo stops: CLOCK_START when set, else 09:00 on the 8th of the month after the last demo
 * month — the same moment the application clock starts from in demo mode (src/config/application-clock.ts):
 * that month's reports are coming in, none is overdue yet.
 */
export function demoHorizon(untilMonth: string, clockStart?: string): Date {
  if (clockStart) return new Date(clockStart);
  const [year, month] = untilMonth.split('-').map(Number);
  return shanghai(year, month + 1, 8, 9, 0);
}

const PROFILE_WEIGHTS: Array<[DemoProfile, number]> = [
  ['missing', 0.015],
  ['red', 0.07],
  ['recovering', 0.06],
  ['yellow', 0.11],
  ['slipping', 0.05],
  ['on_pace', 1],
];
const LATE_REPORT = 0.035;
const SKIPPED_MONTH = 0.01;
const CORRECTION = 0.03;
const ADJUSTMENT = 0.02;

/** A moment in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghai(year: number, month: number, day: number, hour = 9, minute = 0): Date {
  const y = month > 12 ? year + 1 : year;
  const m = month > 12 ? month - 12 : month;
  return new Date(Date.UTC(y, m - 1, day, hour - 8, minute));
}

export function buildDemoScenario(targets: DemoTarget[], options: ScenarioOptions): DemoScenario {
  const { year, untilMonth } = options;
  const actions: DemoAction[] = [];
  const profiles: Record<DemoProfile, number> = {
    on_pace: 0,
    yellow: 0,
    red: 0,
    recovering: 0,
    slipping: 0,
    missing: 0,
    zero_target: 0,
  };
  for (const target of [...targets].sort((a, b) => a.targetId.localeCompare(b.targetId))) {
    const script = scriptTarget(target, year, untilMonth);
    profiles[script.profile]++;
    actions.push(...script.actions);
  }
  for (let month = 1; month <= untilMonth; month++) {
    const period = formatPeriod(year, month);
    // Due by the 10th of the next month: overdue from the first minutes of the 11th.
    actions.push({ type: 'deadline', key: `deadline/${period}`, at: shanghai(year, month + 1, 11, 0, 30), period });
  }
  actions.sort((a, b) => a.at.getTime() - b.at.getTime() || order(a) - order(b) || a.key.localeCompare(b.key));
  const horizon = options.horizon?.getTime() ?? Infinity;
  const inTime = actions.filter((a) => a.at.getTime() <= horizon);
  const last = inTime.length ? inTime[inTime.length - 1].at : shanghai(year, 1, 20);
  // Two days after the last event, or just before the horizon when it cuts the script short.
  const acknowledgeAt = Math.min(
    Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), last.getUTCDate() + 2, 2, 30),
    horizon - 3_600_000,
  );
  return { importAt: shanghai(year, 1, 15, 9, 0), actions: inTime, acknowledgeAt: new Date(acknowledgeAt), profiles };
}

function order(action: DemoAction): number {
  return action.type === 'deadline' ? 0 : action.type === 'adjust' ? 1 : 2;
}

function scriptTarget(
  target: DemoTarget,
  year: number,
  untilMonth: number,
): { profile: DemoProfile; actions: DemoAction[] } {
  const rng = seededRandom(`demo-${year}/${target.targetId}`);
  // Known issue: a report against a cumulative target of 0 (printed 0 in a table, e.g. no 新开工 expected)
  // makes evaluateCumulative throw in the targets projection and the warnings reactor. Until the rules
  // judge such a target, the demo reports nothing on it (it shows as overdue).
  if (
    target.indicator.kind === 'cumulative' &&
    [target.assessment?.total, target.work?.total].some((t) => t !== undefined && dec(t).isZero())
  ) {
    return { profile: 'zero_target', actions: [] };
  }
  const profile = drawProfile(rng);
  if (profile === 'missing') return { profile, actions: [] };
  const lastMonth = Math.min(untilMonth, target.indicator.reportingMonths ?? 12);
  const figures = new Figures(target, rng);
  const actions: DemoAction[] = [];

  // A mid-year adjustment (年中调整) of a few cumulative targets: lowered by a tenth, with an approval document.
  const adjustMonth = Math.min(7, untilMonth);
  const adjustable =
    (target.indicator.kind === 'cumulative' || target.indicator.kind === 'cumulative_growth') &&
    target.assessment?.total !== undefined &&
    dec(target.assessment.total).gt(0);
  const adjust =
    adjustable && rng.chance(ADJUSTMENT)
      ? { at: shanghai(year, adjustMonth, rng.int(21, 26), rng.int(9, 16), rng.int(0, 59)) }
      : undefined;
  if (adjust && target.assessment) {
    const lowered = figures.round(dec(target.assessment.total!).times('0.9'), dec(target.assessment.total!));
    const { text: _text, ...rest } = target.assessment; // a printed "≥25000" no longer describes the new figure
    actions.push({
      type: 'adjust',
      key: `adjust/${target.targetId}`,
      at: adjust.at,
      targetId: target.targetId,
      unitCode: target.unitCode,
      assessment: { ...rest, total: lowered },
      reason: `${DEMO_LABEL}受疫情影响，经区政府同意，年中下调考核目标 / target lowered mid-year with the district government's approval`,
      approvalDocument: `${DEMO_LABEL}嘉府办〔${year}〕${rng.int(40, 89)}号`,
    });
  }

  // A few units correct an earlier month (漏报、口径) with the reason, some days after reporting it.
  const correctMonth = lastMonth >= 2 && rng.chance(CORRECTION) ? rng.int(1, lastMonth - 1) : undefined;
  for (let month = 1; month <= lastMonth; month++) {
    const level = levelOf(profile, month, lastMonth);
    const report = figures.report(month, level);
    if (!report) continue;
    if (month < lastMonth && month !== correctMonth && rng.chance(SKIPPED_MONTH)) continue; // answered by next month's year-to-date report
    const late = rng.chance(LATE_REPORT);
    const at = late
      ? shanghai(year, month + 1, rng.int(12, 20), rng.int(9, 17), rng.int(0, 59))
      : shanghai(year, month + 1, rng.int(3, 9), rng.int(9, 17), rng.int(0, 59));
    const period = formatPeriod(year, month);
    actions.push({
      type: 'report',
      key: `report/${target.targetId}/${period}`,
      at,
      targetId: target.targetId,
      unitCode: target.unitCode,
      period,
      report,
      late,
    });
    const correction = month === correctMonth ? figures.correction(report) : undefined;
    if (correction) {
      actions.push({
        type: 'correct',
        key: `correct/${target.targetId}/${period}`,
        at: shanghai(year, month + 1, rng.int(22, 27), rng.int(9, 17), rng.int(0, 59)),
        targetId: target.targetId,
        unitCode: target.unitCode,
        period,
        correction,
        reason: `${DEMO_LABEL}${rng.pick(['复核发现漏报一家重点企业 / a major enterprise was left out', '统计口径调整后更正 / corrected after a change of statistical scope', '录入错误更正 / typing error corrected'])}`,
      });
    }
  }
  return { profile, actions };
}

function drawProfile(rng: Random): DemoProfile {
  let u = rng.next();
  for (const [profile, weight] of PROFILE_WEIGHTS) {
    if (u < weight) return profile;
    u -= weight;
  }
  return 'on_pace';
}

/** The status a report of `month` should show for the profile. */
function levelOf(profile: DemoProfile, month: number, lastMonth: number): Level {
  switch (profile) {
    case 'yellow':
      return month <= 2 ? 'green' : 'yellow';
    case 'red':
      return month <= 1 ? 'yellow' : 'red';
    case 'recovering':
      return month <= 3 ? 'red' : month === 4 ? 'yellow' : 'green';
    case 'slipping':
      return month <= lastMonth - 3 ? 'green' : month < lastMonth ? 'yellow' : 'red';
    default:
      return 'green';
  }
}

/** Synthetic figures for one target, in the unit its reports are read in. */
class Figures {
  /** The target's figure (assessment total, else work total) in the report unit. */
  private readonly base?: Dec;
  private readonly unit: string;
  private readonly count: boolean;
  private readonly factors: Record<Level, number>;
  private readonly reference: number;
  private previous = dec(0);
  private readonly zeroTotal: boolean;

  constructor(
    private readonly target: DemoTarget,
    private readonly rng: Random,
  ) {
    const ind = target.indicator;
    // Reports are read in the unit of the target that governs (the work target on a work target only).
    this.unit = governingTarget(target).unitOfMeasure ?? ind.unitOfMeasure;
    this.count = findUnit(this.unit)?.dimension.startsWith('count:') ?? false;
    const a = target.assessment ?? {};
    const w = target.work;
    if (a.total !== undefined) this.base = dec(a.total);
    else if (w?.total !== undefined)
      this.base = convertOrUndefined(dec(w.total), w.unitOfMeasure ?? ind.unitOfMeasure, this.unit);
    this.zeroTotal = [a.total, w?.total].some((t) => t !== undefined && dec(t).isZero());
    this.factors = { green: rng.between(0.97, 1.12), yellow: rng.between(0.87, 0.93), red: rng.between(0.6, 0.8) };
    this.reference = Number(rng.between(4, 8).toFixed(1));
  }

  private get growthTarget(): number {
    return Number(this.target.assessment?.growthPct ?? this.target.work?.growthPct ?? '5');
  }

  private get rankTarget(): number | undefined {
    return this.target.assessment?.rank ?? this.target.work?.rank;
  }

  report(month: number, level: Level): ProgressReport | undefined {
    const ind = this.target.indicator;
    const rng = this.rng;
    const pace = Math.min(month, ind.reportingMonths ?? 12) / (ind.reportingMonths ?? 12);
    const lower = ind.direction === 'lower_is_better';
    const label = (text: string) => `${DEMO_LABEL}${text}`;
    const lagging = level !== 'green';
    const extras: ProgressReport = lagging
      ? {
          problems: label(
            rng.pick([
              '受项目审批和要素保障影响，进度低于序时 / approvals and land supply slowed progress',
              '重点企业订单下滑 / orders of key enterprises fell',
              '疫情影响施工 / the epidemic delayed works',
            ]),
          ),
          nextSteps: label(
            rng.pick([
              '加快推进重点项目，下月补齐进度 / speed up key projects to catch up next month',
              '专班督办，逐项排摸 / a task force follows up item by item',
            ]),
          ),
        }
      : {};
    const ytd = month === 1 ? '1月' : `1-${month}月`;
    switch (ind.kind) {
      case 'cumulative':
      case 'cumulative_growth': {
        const report: ProgressReport = {};
        // (a total of 0 cannot be judged by pace yet: a cumulative_growth target then reports its growth only)
        const value = this.zeroTotal ? undefined : this.cumulative(pace, level, lower);
        if (value !== undefined) report.value = value;
        if (ind.kind === 'cumulative_growth' || value === undefined) report.growthPct = this.growth(level);
        if (report.value === undefined && ind.kind === 'cumulative') return undefined;
        const done = report.value !== undefined ? `累计完成 ${report.value}${this.unit}` : '';
        const growth = report.growthPct !== undefined ? `同比增长 ${report.growthPct}%` : '';
        return {
          ...report,
          narrative: label(`${ytd}${[done, growth].filter(Boolean).join('，')} / year to date`),
          ...extras,
        };
      }
      case 'growth': {
        const growthPct = this.growth(level);
        return { growthPct, narrative: label(`${ytd}同比增长 ${growthPct}% / year-to-date growth`), ...extras };
      }
      case 'level': {
        const value = this.level(level, lower);
        return {
          value,
          narrative: label(`截至${month}月底为 ${value}${this.unit} / at the end of the month`),
          ...extras,
        };
      }
      case 'ceiling': {
        const value = this.ceiling(level);
        return {
          value,
          narrative: label(`截至${month}月底为 ${value}${this.unit}，控制在目标以内 / at the end of the month`),
          ...extras,
        };
      }
      case 'zero_incident': {
        const incidents = level === 'red' && rng.chance(0.5) ? '1' : '0';
        return {
          value: incidents,
          narrative: label(
            incidents === '0'
              ? `${ytd}未发生相关事故 / no incident`
              : `${ytd}发生 1 起，已妥善处置 / one incident, handled`,
          ),
          ...extras,
        };
      }
      case 'milestone': {
        const deadline = this.target.assessment?.deadline ?? this.target.work?.deadline;
        if (!deadline) return undefined;
        const dueMonth = Number(deadline.slice(5, 7));
        const doneMonth = level === 'red' ? dueMonth + 2 : level === 'yellow' ? dueMonth : dueMonth - 1;
        const done = month >= doneMonth;
        return {
          done,
          narrative: label(done ? '节点任务已完成 / milestone reached' : '按计划推进中 / in progress'),
          ...extras,
        };
      }
      case 'qualitative': {
        const selfRating = level === 'green' ? 'on_track' : level === 'yellow' ? 'at_risk' : 'off_track';
        const words = {
          on_track: '按计划推进 / on track',
          at_risk: '部分工作滞后 / partly behind',
          off_track: '进度明显滞后 / clearly behind',
        }[selfRating];
        return { selfRating, narrative: label(`${month}月工作${words}`), ...extras };
      }
      case 'rank': {
        const target = this.rankTarget;
        const rank =
          target === undefined
            ? rng.int(1, 16)
            : level === 'green'
              ? Math.max(1, target - rng.int(0, 2))
              : level === 'yellow'
                ? target + rng.int(1, 2)
                : target + rng.int(3, 5);
        return { value: String(rank), narrative: label(`最新排名第 ${rank} 名 / latest rank`), ...extras };
      }
      case 'relative': {
        const ref = this.reference;
        const delta =
          level === 'green'
            ? rng.between(0.1, 1.5)
            : level === 'yellow'
              ? -ref * rng.between(0.01, 0.045)
              : -ref * rng.between(0.08, 0.2);
        const value = (lower ? ref - delta : ref + delta).toFixed(2);
        return {
          value,
          referenceValue: ref.toFixed(1),
          narrative: label(`本单位 ${value}，参照值 ${ref.toFixed(1)} / against the reference`),
          ...extras,
        };
      }
    }
  }

  /** A correction that changes the reported figures (more found on review), or undefined. */
  correction(report: ProgressReport): ProgressReport | undefined {
    const rng = this.rng;
    if (
      report.value !== undefined &&
      this.target.indicator.kind !== 'zero_incident' &&
      this.target.indicator.kind !== 'rank'
    ) {
      const value = dec(report.value);
      const corrected = this.round(value.times(rng.between(1.03, 1.08)), value.isZero() ? dec(1) : value);
      if (corrected !== toPlainString(value)) {
        // Later year-to-date reports include what the correction found.
        if (dec(corrected).gt(this.previous)) this.previous = dec(corrected);
        return { value: corrected, narrative: `${DEMO_LABEL}更正后 ${corrected}${this.unit} / corrected` };
      }
    }
    if (report.growthPct !== undefined) return { growthPct: (Number(report.growthPct) + 0.4).toFixed(1) };
    if (report.selfRating !== undefined && report.selfRating !== 'on_track') return { selfRating: 'on_track' };
    return undefined;
  }

  /** Year-to-date value ≈ pace × target × factor; never below last month's (it is a running total). */
  private cumulative(pace: number, level: Level, lower: boolean): string | undefined {
    const base = this.base ?? (this.unit === '%' ? undefined : dec(100));
    if (base === undefined) return undefined;
    const factor = this.factors[level] + this.rng.between(-0.012, 0.012);
    const raw = base.times(pace).times(lower ? 2 - factor : factor);
    const rounded = dec(this.count ? (level === 'green' ? raw.ceil() : raw.floor()) : dec(this.round(raw, base)));
    this.previous = rounded.gt(this.previous) ? rounded : this.previous;
    return toPlainString(this.previous);
  }

  private growth(level: Level): string {
    const g = this.growthTarget;
    const rng = this.rng;
    const value =
      level === 'green'
        ? g + rng.between(0.1, 2)
        : level === 'yellow'
          ? g - rng.between(0.2, 1.8)
          : g - rng.between(2.3, 6);
    return value.toFixed(1);
  }

  private level(level: Level, lower: boolean): string {
    const rng = this.rng;
    const base = this.base ?? dec(this.unit === '%' ? 95 : 100);
    const ratio = lower
      ? { green: rng.between(0.9, 1), yellow: rng.between(1.005, 1.05), red: rng.between(1.07, 1.15) }[level]
      : { green: rng.between(1, 1.04), yellow: rng.between(0.955, 0.99), red: rng.between(0.85, 0.94) }[level];
    let value = base.times(ratio);
    if (this.unit === '%' && base.lte(100) && value.gt(100)) value = dec(100);
    return this.count
      ? toPlainString(lower || level === 'green' ? value.ceil() : value.floor())
      : this.round(value, base);
  }

  private ceiling(level: Level): string {
    const rng = this.rng;
    const cap = this.base ?? dec(100);
    const ratio = { green: rng.between(0.6, 0.88), yellow: rng.between(0.92, 0.99), red: rng.between(1.02, 1.1) }[
      level
    ];
    const value = cap.times(ratio);
    return this.count ? toPlainString(level === 'red' ? value.ceil() : value.floor()) : this.round(value, cap);
  }

  /** Rounded like the figure it is compared with: whole numbers for large figures, 2 decimals for small ones. */
  round(value: Dec, like: Dec): string {
    const places = this.count || like.abs().gte(1000) ? 0 : like.abs().gte(10) ? 1 : 2;
    return toPlainString(value.toDecimalPlaces(places));
  }
}

function convertOrUndefined(value: Dec, from: string, to: string): Dec | undefined {
  try {
    return convert(value, from, to);
  } catch {
    return undefined;
  }
}
