import { isDecimalString } from '../decimal';
import { FieldError } from '../problems/domain-error';
import { INPUT_LIMITS } from './input-limits';

/** Decimal places a figure may carry when its unit of measure has no entry below. */
export const DEFAULT_DECIMAL_PLACES = 4;

/**
 * The one place where a unit of measure gets other decimal places than the default (keyed by the
 * unit's symbol as the catalog spells it).
 */
const DECIMAL_PLACES_BY_UNIT: ReadonlyMap<string, number> = new Map([
  ['元', 2], // to the fen 分
  ['美元', 2], // to the cent
]);

export function decimalPlacesOf(unitOfMeasure: string | undefined): number {
  return (
    (unitOfMeasure !== undefined ? DECIMAL_PLACES_BY_UNIT.get(unitOfMeasure) : undefined) ?? DEFAULT_DECIMAL_PLACES
  );
}

export interface FigureRules {
  /** The unit the figure is in (for its decimal places). */
  unitOfMeasure?: string;
  /** Negative figures allowed (an indicator setting, default false). */
  allowNegative?: boolean;
}

/** What is wrong with one figure (a decimal string): its form, its sign, its decimal places. */
export function figureProblems(value: string | undefined, field: string, rules: FigureRules = {}): FieldError[] {
  if (value === undefined) return [];
  if (!isDecimalString(value))
    return [{ field, message: '必须是十进制数字字符串，如 "760" / must be a decimal string such as "760"' }];
  const [integer, fraction = ''] = value.replace(/^[+-]/, '').split('.');
  const messages: string[] = [];
  if (integer.length > INPUT_LIMITS.maxIntegerDigits) {
    messages.push(
      `小数点前最多 ${INPUT_LIMITS.maxIntegerDigits} 位 / at most ${INPUT_LIMITS.maxIntegerDigits} digits before the point`,
    );
  }
  const places = decimalPlacesOf(rules.unitOfMeasure);
  if (fraction.length > places) {
    const unit = rules.unitOfMeasure ? `（${rules.unitOfMeasure}）` : '';
    messages.push(
      `最多 ${places} 位小数${unit} / at most ${places} decimal places${rules.unitOfMeasure ? ` in ${rules.unitOfMeasure}` : ''}`,
    );
  }
  if (!rules.allowNegative && value.startsWith('-') && /[1-9]/.test(value)) {
    messages.push('该指标不接受负数 / this indicator does not accept negative figures');
  }
  return messages.length ? [{ field, message: messages.join('；') }] : [];
}
