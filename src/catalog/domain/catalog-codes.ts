import { streamKind } from '../../shared/event-sourcing/stream-kind';

/** Codes of units, plans and indicators: ASCII, URL-safe, stable (names may be Chinese and may change). */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const UNIT_STREAMS = streamKind('unit');
export const PLAN_STREAMS = streamKind('plan');
/** Indicator streams: `indicator-<planCode>.<code>`. */
export const INDICATOR_STREAMS = streamKind('indicator');
export const unitStream = (code: string) => UNIT_STREAMS.of(code);
export const planStream = (code: string) => PLAN_STREAMS.of(code);
export const indicatorStream = (planCode: string, code: string) => INDICATOR_STREAMS.of(`${planCode}.${code}`);

export const UNIT_KINDS = ['district', 'town', 'subdistrict', 'zone', 'department', 'company', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const INDICATOR_KINDS = [
  'cumulative',
  'growth',
  'cumulative_growth',
  'level',
  'ceiling',
  'zero_incident',
  'milestone',
  'qualitative',
  'rank',
  'relative',
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Kinds whose targets are figures in the indicator's unit of measure: a plan must print the unit for them. */
export const QUANTITY_KINDS: ReadonlySet<IndicatorKind> = new Set([
  'cumulative',
  'growth',
  'cumulative_growth',
  'level',
  'ceiling',
]);

/**
 * Kinds whose unit targets add up to the district target (分解核对), when the unit of measure adds up too:
 * totals and caps (失业人数 控制在 5980 以内 = the towns' caps), not growth rates, levels, ranks or texts.
 */
export const SUMMABLE_KINDS: ReadonlySet<IndicatorKind> = new Set(['cumulative', 'cumulative_growth', 'ceiling']);

export const DECOMPOSITION_MODES = ['decomposed', 'not_decomposed', 'separately'] as const;
export type DecompositionMode = (typeof DECOMPOSITION_MODES)[number];

export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];
