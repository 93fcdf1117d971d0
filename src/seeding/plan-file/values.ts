import { isValidDate as isCalendarDate } from '../../rules';
import { isDecimalString } from '../../shared/decimal';
import { QUANTITY_KINDS, SUMMABLE_KINDS } from '../../catalog/domain/catalog-codes';
import { kindShapeProblems } from '../../targets/domain/target-value';
import { IndicatorKind, TargetValue } from './types';

/** The domain's decimal check (src/shared/decimal), without a sign a printed figure never carries: "760", "-2.5". */
export function isPlainDecimal(s: string): boolean {
  return isDecimalString(s) && !s.startsWith('+');
}

export function isPositiveInteger(s: string): boolean {
  return /^[1-9]\d*$/.test(s);
}

/** The domain's date check (src/rules/calendar): a real calendar date written YYYY-MM-DD. */
export function isValidDate(s: string): boolean {
  return isCalendarDate(s);
}

type FigureField = 'total' | 'growthPct' | 'deadline' | 'rank';

/**
 * Figures some plans print beside a target that its kind does not take (a 增幅 beside a level or a cap, the
 * quantity a qualitative key task names, a total beside a milestone's deadline). The file may carry them; the
 * import keeps them in the target's text (note figure-as-text, seeds/README.md §16). Everything else about a
 * value's shape is the target model's (kindShapeProblems, src/targets/domain/target-value.ts).
 */
export const KEPT_IN_TEXT: Readonly<Partial<Record<IndicatorKind, readonly FigureField[]>>> = {
  level: ['growthPct'],
  ceiling: ['growthPct'],
  milestone: ['total'],
  qualitative: ['total', 'rank'],
};

export interface KindProblem {
  field?: string;
  zh: string;
  en: string;
}

/**
 * Does the value fit the indicator's kind? The target model's rules, with the figures the import keeps in the
 * text (KEPT_IN_TEXT) allowed. Fields listed as `unreadable` count as present.
 * With `requireComplete` false (printed 全区 rows of a table) only refused fields are reported.
 */
export function checkValueForKind(value: TargetValue, kind: IndicatorKind, requireComplete = true): KindProblem[] {
  const kept = KEPT_IN_TEXT[kind] ?? [];
  const unreadable = value.unreadable ?? [];
  const probe: Record<string, unknown> = {};
  // unitOfMeasure is the figure's, checked against the plan's registry where it is read (checkUnitCompatible).
  for (const f of ['total', 'growthPct', 'text', 'deadline', 'rank'] as const) {
    if (value[f] !== undefined && !(kept as readonly string[]).includes(f)) probe[f] = value[f];
  }
  return kindShapeProblems(probe, kind, requireComplete)
    .filter((p) => !(p.missing ?? []).some((f) => unreadable.includes(f)))
    .map((p) => {
      const [zh, en] = p.message.split(' / ');
      return { field: p.missing ? p.missing.join('|') : p.field, zh, en };
    });
}

/** Unit targets of this kind add up to the district target (the catalog's rule, src/catalog/domain/catalog-codes). */
export function isSummableKind(kind: IndicatorKind): boolean {
  return SUMMABLE_KINDS.has(kind);
}

/** The indicator must name a unit of measure (the catalog's rule). */
export function needsUnitOfMeasure(kind: IndicatorKind): boolean {
  return QUANTITY_KINDS.has(kind);
}

/** Same text after removing all whitespace and unifying full-width brackets. */
export function normalizeName(s: string): string {
  return s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}
