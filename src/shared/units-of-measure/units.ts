import { dec, type Dec } from '../decimal';
import { IncompatibleUnitsError, UnknownUnitError, type Dimension, type UnitOfMeasure } from './unit-of-measure';
import { DIMENSION_LIST, UNIT_LIST } from './unit-registry';

/** Trim, drop inner whitespace, fold full-width forms (NFKC: ％→%, ／→/, ㎡→m2) and ASCII case. */
export function normalizeUnitSymbol(symbol: string): string {
  return symbol.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const UNITS_BY_SPELLING: ReadonlyMap<string, UnitOfMeasure> = buildLookup(UNIT_LIST);

function buildLookup(units: readonly UnitOfMeasure[]): Map<string, UnitOfMeasure> {
  const lookup = new Map<string, UnitOfMeasure>();
  for (const unit of units) {
    for (const spelling of [unit.symbol, ...unit.aliases]) {
      const key = normalizeUnitSymbol(spelling);
      const existing = lookup.get(key);
      if (existing && existing !== unit) {
        throw new Error(`Unit spelling "${spelling}" is ambiguous: ${existing.symbol} and ${unit.symbol}`);
      }
      lookup.set(key, unit);
    }
  }
  return lookup;
}

export function findUnit(symbol: string): UnitOfMeasure | undefined {
  return UNITS_BY_SPELLING.get(normalizeUnitSymbol(symbol));
}

export function isKnownUnit(symbol: string): boolean {
  return findUnit(symbol) !== undefined;
}

export function parseUnit(symbol: string): UnitOfMeasure {
  const unit = findUnit(symbol);
  if (!unit) throw new UnknownUnitError(symbol);
  return unit;
}

/** Throws UnknownUnitError when either symbol is unknown. */
export function areCompatible(a: string, b: string): boolean {
  return parseUnit(a).dimension === parseUnit(b).dimension;
}

/**
 * Exact as long as the result is representable in 40 significant digits: the rational factors are
 * combined first and divided once, so 15 亩 → 1 公顷 and 1 公顷 → 15 亩 come out exact.
 * (1 亩 → 公顷 = 1/15 is necessarily rounded; convert towards the finer unit when summing.)
 */
export function convert(value: Dec, from: string, to: string): Dec {
  const source = parseUnit(from);
  const target = parseUnit(to);
  if (source.dimension !== target.dimension) {
    throw new IncompatibleUnitsError(from, to, source.dimension, target.dimension);
  }
  const v = dec(value);
  if (source === target) return v;
  const numerator = v.times(source.factor.numerator).times(target.factor.denominator);
  const denominator = dec(source.factor.denominator).times(target.factor.numerator);
  return numerator.div(denominator);
}

export function listUnits(): readonly UnitOfMeasure[] {
  return UNIT_LIST;
}

export function listDimensions(): readonly Dimension[] {
  return DIMENSION_LIST;
}
