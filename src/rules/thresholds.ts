import { dec, type Dec } from '../shared/decimal';
import { RuleInputError } from './errors';
import { sharedDecimal } from './shared-plain-strings';

export interface RuleThresholds {
  /** cumulative: green when paceRatio ≥ paceGreen */
  readonly paceGreen: Dec;
  /** cumulative: yellow when paceYellow ≤ paceRatio < paceGreen, red below */
  readonly paceYellow: Dec;
  /** growth: yellow when −growthYellowGapPp ≤ gap < 0 (percentage points), red below */
  readonly growthYellowGapPp: Dec;
  /** level: yellow when value ≥ levelYellowRatio × target (below target), red below */
  readonly levelYellowRatio: Dec;
  /** ceiling: green when value ≤ ceilingGreenRatio × cap, yellow up to the cap, red above */
  readonly ceilingGreenRatio: Dec;
  /** milestone: yellow when not done and the deadline is 0..milestoneWarnDays days away */
  readonly milestoneWarnDays: number;
  /** a monthly report is due on this day of the following month */
  readonly reportDueDay: number;
  /** rank: yellow when at most rankYellowPlaces places behind the target rank */
  readonly rankYellowPlaces: number;
  /** relative: yellow when within relativeYellowTolerance × |reference| on the wrong side */
  readonly relativeYellowTolerance: Dec;
}

type DecimalKey = { [K in keyof RuleThresholds]: RuleThresholds[K] extends Dec ? K : never }[keyof RuleThresholds];
type IntegerKey = Exclude<keyof RuleThresholds, DecimalKey>;

/** As found in plan or indicator configuration: decimals may be decimal strings. */
export type ThresholdOverrides = { readonly [K in DecimalKey]?: Dec | string } & {
  readonly [K in IntegerKey]?: number;
};

const DECIMAL_KEYS: readonly DecimalKey[] = [
  'paceGreen',
  'paceYellow',
  'growthYellowGapPp',
  'levelYellowRatio',
  'ceilingGreenRatio',
  'relativeYellowTolerance',
];
const INTEGER_KEYS: readonly IntegerKey[] = ['milestoneWarnDays', 'reportDueDay', 'rankYellowPlaces'];

export const DEFAULT_THRESHOLDS: RuleThresholds = Object.freeze({
  paceGreen: dec('0.95'),
  paceYellow: dec('0.85'),
  growthYellowGapPp: dec('2'),
  levelYellowRatio: dec('0.95'),
  ceilingGreenRatio: dec('0.9'),
  milestoneWarnDays: 15,
  reportDueDay: 10,
  rankYellowPlaces: 2,
  relativeYellowTolerance: dec('0.05'),
});
for (const key of DECIMAL_KEYS) sharedDecimal(DEFAULT_THRESHOLDS[key]);

/** Defaults, overridden by the plan, overridden by the indicator. Throws RuleInputError when invalid. */
export function mergeThresholds(plan?: ThresholdOverrides, indicator?: ThresholdOverrides): RuleThresholds {
  const merged = applyOverrides(applyOverrides(DEFAULT_THRESHOLDS, plan, 'plan'), indicator, 'indicator');
  const problems = thresholdProblems(merged);
  if (problems.length > 0) throw new RuleInputError(`Invalid thresholds: ${problems.join('; ')}`);
  for (const key of DECIMAL_KEYS) sharedDecimal(merged[key]);
  return Object.freeze(merged);
}

function applyOverrides(
  base: RuleThresholds,
  overrides: ThresholdOverrides | undefined,
  source: string,
): RuleThresholds {
  if (!overrides) return base;
  const result: Record<string, Dec | number> = { ...base };
  for (const [key, value] of Object.entries(overrides) as [string, unknown][]) {
    if (value === undefined) continue;
    if ((DECIMAL_KEYS as readonly string[]).includes(key)) {
      result[key] = parseDecimal(value, `${source}.${key}`);
    } else if ((INTEGER_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new RuleInputError(`${source}.${key} must be an integer, got ${JSON.stringify(value)}`);
      }
      result[key] = value;
    } else {
      throw new RuleInputError(`${source}: unknown threshold "${key}"`);
    }
  }
  return result as unknown as RuleThresholds;
}

function parseDecimal(value: unknown, field: string): Dec {
  try {
    return dec(value as Dec | string);
  } catch (e) {
    throw new RuleInputError(`${field}: ${(e as Error).message}`);
  }
}

/** Empty when the thresholds are consistent. */
export function thresholdProblems(t: RuleThresholds): string[] {
  const problems: string[] = [];
  if (t.paceYellow.lte(0)) problems.push('paceYellow must be > 0');
  if (t.paceYellow.gt(t.paceGreen)) problems.push('paceYellow must be ≤ paceGreen');
  if (t.growthYellowGapPp.lt(0)) problems.push('growthYellowGapPp must be ≥ 0');
  if (t.levelYellowRatio.lte(0) || t.levelYellowRatio.gt(1)) problems.push('levelYellowRatio must be in (0, 1]');
  if (t.ceilingGreenRatio.lte(0) || t.ceilingGreenRatio.gt(1)) problems.push('ceilingGreenRatio must be in (0, 1]');
  if (t.relativeYellowTolerance.lt(0)) problems.push('relativeYellowTolerance must be ≥ 0');
  if (t.milestoneWarnDays < 0) problems.push('milestoneWarnDays must be ≥ 0');
  if (t.reportDueDay < 1 || t.reportDueDay > 31) problems.push('reportDueDay must be from 1 to 31');
  if (t.rankYellowPlaces < 0) problems.push('rankYellowPlaces must be ≥ 0');
  return problems;
}
