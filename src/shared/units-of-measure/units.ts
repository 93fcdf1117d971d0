import { dec, type Dec } from '../decimal';
import {
  IncompatibleUnitsError,
  UnknownUnitError,
  type Dimension,
  type ExactFactor,
  type UnitOfMeasure,
} from './unit-of-measure';
import { DIMENSION_LIST, UNIT_LIST } from './unit-registry';

/** Trim, drop inner whitespace, fold full-width forms (NFKC: ％→%, ／→/, ㎡→m2, （→() and ASCII case. */
export function normalizeUnitSymbol(symbol: string): string {
  return symbol.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * A unit a plan declares itself (计划自定义计量单位): either an exact multiple of a known unit
 * (`equals: { factor: '1', unit: '个' }` for 幢（个）), which puts it in that unit's dimension, or a
 * dimension of its own (人/亿元, 个（其中…）) that converts to nothing else.
 */
export interface UnitDeclaration {
  symbol: string;
  /** what is measured, e.g. "enterprises per 100 million yuan"; names the new dimension */
  name: string;
  /** figures in this unit add up across units; for a unit with `equals` it must agree with that unit */
  additive: boolean;
  /** 1 symbol = factor × unit, exactly; factor a positive decimal or integer ratio "2000/3" */
  equals?: { factor: string; unit: string };
  aliases?: readonly string[];
}

/** Why a declaration cannot be added: names the declaration's field. */
export class UnitDeclarationError extends Error {
  constructor(
    readonly symbol: string,
    readonly field: 'symbol' | 'equals' | 'additive' | 'aliases',
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'UnitDeclarationError';
  }
}

export interface ExactConversion {
  value: Dec;
  /** false when the result has no finite decimal expansion (1 亩 → 公顷); value then holds 40 significant digits */
  exact: boolean;
}

/** The registry of units of measure (计量单位): the built-in list, optionally extended by a plan's declarations. */
export class UnitRegistry {
  private readonly bySpelling: ReadonlyMap<string, UnitOfMeasure>;

  constructor(
    private readonly units: readonly UnitOfMeasure[],
    private readonly dimensions: readonly Dimension[],
  ) {
    this.bySpelling = buildLookup(units);
  }

  find(symbol: string): UnitOfMeasure | undefined {
    return this.bySpelling.get(normalizeUnitSymbol(symbol));
  }

  isKnown(symbol: string): boolean {
    return this.find(symbol) !== undefined;
  }

  parse(symbol: string): UnitOfMeasure {
    const unit = this.find(symbol);
    if (!unit) throw new UnknownUnitError(symbol);
    return unit;
  }

  /** Throws UnknownUnitError when either symbol is unknown. */
  areCompatible(a: string, b: string): boolean {
    return this.parse(a).dimension === this.parse(b).dimension;
  }

  /** Both known and of one dimension; never throws. */
  canConvert(a: string, b: string): boolean {
    const ua = this.find(a);
    const ub = this.find(b);
    return ua !== undefined && ub !== undefined && ua.dimension === ub.dimension;
  }

  /** The same unit, possibly spelt differently (万m ² and 万平方米); unknown units compare as normalised text. */
  isSame(a: string, b: string): boolean {
    const ua = this.find(a);
    const ub = this.find(b);
    if (ua && ub) return ua === ub;
    return normalizeUnitSymbol(a) === normalizeUnitSymbol(b);
  }

  /** Figures in this unit add up across units (not %, 1/10万, 微克/立方米, 分). Unknown units: false. */
  isAdditive(symbol: string): boolean {
    return this.find(symbol)?.additive ?? false;
  }

  /**
   * Exact as long as the result is representable in 40 significant digits: the rational factors are
   * combined first and divided once, so 15 亩 → 1 公顷 and 1 公顷 → 15 亩 come out exact.
   */
  convert(value: Dec, from: string, to: string): Dec {
    return this.convertExactly(value, from, to).value;
  }

  /** As `convert`, and says whether the result is exact (a terminating decimal) or rounded. */
  convertExactly(value: Dec, from: string, to: string): ExactConversion {
    const source = this.parse(from);
    const target = this.parse(to);
    if (source.dimension !== target.dimension) {
      throw new IncompatibleUnitsError(from, to, source.dimension, target.dimension);
    }
    const v = dec(value);
    if (source === target) return { value: v, exact: true };
    const num = BigInt(source.factor.numerator) * BigInt(target.factor.denominator);
    const den = BigInt(source.factor.denominator) * BigInt(target.factor.numerator);
    return { value: v.times(num.toString()).div(den.toString()), exact: terminates(v, num, den) };
  }

  list(): readonly UnitOfMeasure[] {
    return this.units;
  }

  listDimensions(): readonly Dimension[] {
    return this.dimensions;
  }

  /**
   * A registry with a plan's own units added (the built-in ones are never redefined). Throws
   * UnitDeclarationError naming the declaration's field when a declaration does not fit.
   */
  extend(declarations: readonly UnitDeclaration[]): UnitRegistry {
    return declarations.reduce((registry: UnitRegistry, d) => {
      const { unit, dimension } = registry.declared(d);
      return new UnitRegistry(
        [...registry.units, unit],
        dimension ? [...registry.dimensions, dimension] : registry.dimensions,
      );
    }, this);
  }

  private declared(d: UnitDeclaration): { unit: UnitOfMeasure; dimension?: Dimension } {
    const symbol = d.symbol.trim();
    const fail = (field: UnitDeclarationError['field'], zh: string, en: string) =>
      new UnitDeclarationError(symbol, field, zh, en);
    const known = this.find(symbol);
    if (known)
      throw fail(
        'symbol',
        `计量单位“${symbol}”已有定义（${known.symbol}），不必声明`,
        `unit '${symbol}' is already known (${known.symbol}); do not declare it`,
      );
    for (const alias of d.aliases ?? []) {
      const other = this.find(alias);
      if (other)
        throw fail(
          'aliases',
          `别名“${alias}”已属于“${other.symbol}”`,
          `alias '${alias}' already belongs to '${other.symbol}'`,
        );
    }
    const aliases = [...(d.aliases ?? [])];
    if (!d.equals) {
      const id = `declared:${symbol}`;
      return {
        unit: {
          symbol,
          dimension: id,
          name: d.name,
          factor: { numerator: '1', denominator: '1' },
          aliases,
          additive: d.additive,
        },
        dimension: { id, name: d.name, baseUnit: symbol, additive: d.additive },
      };
    }
    const base = this.find(d.equals.unit);
    if (!base) {
      throw fail(
        'equals',
        `换算目标“${d.equals.unit}”不是已知计量单位`,
        `'equals.unit' '${d.equals.unit}' is not a known unit of measure`,
      );
    }
    const factor = parseFactor(d.equals.factor);
    if (!factor) {
      throw fail(
        'equals',
        `换算系数“${d.equals.factor}”应为正数或整数比，如 10000 或 2000/3`,
        `'equals.factor' '${d.equals.factor}' must be a positive decimal or an integer ratio such as 10000 or 2000/3`,
      );
    }
    if (base.additive !== d.additive) {
      throw fail(
        'additive',
        `“${symbol}”换算为“${base.symbol}”，可加性应与之相同（${base.additive}）`,
        `'${symbol}' converts to '${base.symbol}', so 'additive' must be ${base.additive} like it`,
      );
    }
    const numerator = factor.numerator * BigInt(base.factor.numerator);
    const denominator = factor.denominator * BigInt(base.factor.denominator);
    const g = gcd(numerator, denominator);
    const exact: ExactFactor = { numerator: (numerator / g).toString(), denominator: (denominator / g).toString() };
    return {
      unit: { symbol, dimension: base.dimension, name: d.name, factor: exact, aliases, additive: base.additive },
    };
  }
}

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

/** "10000", "0.5", "2000/3" → a positive integer ratio; undefined otherwise. */
function parseFactor(text: string): { numerator: bigint; denominator: bigint } | undefined {
  const ratio = /^([1-9]\d*)\/([1-9]\d*)$/.exec(text.trim());
  if (ratio) return { numerator: BigInt(ratio[1]), denominator: BigInt(ratio[2]) };
  const decimal = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!decimal) return undefined;
  const fraction = decimal[2] ?? '';
  const numerator = BigInt(decimal[1] + fraction);
  if (numerator === 0n) return undefined;
  return { numerator, denominator: 10n ** BigInt(fraction.length) };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Does value × num / den have a finite decimal expansion? */
function terminates(value: Dec, num: bigint, den: bigint): boolean {
  const [int, frac = ''] = value.abs().toFixed().split('.');
  let n = BigInt(int + frac) * num;
  let d = 10n ** BigInt(frac.length) * den;
  const g = gcd(n, d);
  n /= g;
  d /= g;
  for (const p of [2n, 5n]) while (d % p === 0n) d /= p;
  return d === 1n;
}

/** The built-in units (src/shared/units-of-measure/unit-registry.ts). */
export const UNITS = new UnitRegistry(UNIT_LIST, DIMENSION_LIST);

export const findUnit = (symbol: string): UnitOfMeasure | undefined => UNITS.find(symbol);
export const isKnownUnit = (symbol: string): boolean => UNITS.isKnown(symbol);
export const parseUnit = (symbol: string): UnitOfMeasure => UNITS.parse(symbol);
/** Throws UnknownUnitError when either symbol is unknown. */
export const areCompatible = (a: string, b: string): boolean => UNITS.areCompatible(a, b);
export const convert = (value: Dec, from: string, to: string): Dec => UNITS.convert(value, from, to);
export const convertExactly = (value: Dec, from: string, to: string): ExactConversion =>
  UNITS.convertExactly(value, from, to);
export const isAdditiveUnit = (symbol: string): boolean => UNITS.isAdditive(symbol);
export const listUnits = (): readonly UnitOfMeasure[] => UNITS.list();
export const listDimensions = (): readonly Dimension[] => UNITS.listDimensions();
