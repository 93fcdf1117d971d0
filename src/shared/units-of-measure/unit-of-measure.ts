/**
 * A unit's size is an exact rational multiple of its dimension's base unit, kept as integer strings
 * (JSON-safe): 万元 = 10000/1 元, 亩 = 2000/3 平方米 (because 1 公顷 = 15 亩 exactly).
 */
export interface ExactFactor {
  readonly numerator: string;
  readonly denominator: string;
}

export interface Dimension {
  /** e.g. "money_cny", "area", "count:户" */
  readonly id: string;
  readonly name: string;
  readonly baseUnit: string;
  /** Figures add up across units (亿元, 个, 吨/日); false for ratios, concentrations, scores and ranks. */
  readonly additive: boolean;
}

export interface UnitOfMeasure {
  /** canonical symbol, e.g. "万元" */
  readonly symbol: string;
  readonly dimension: string;
  readonly name: string;
  /** size in base units of the dimension */
  readonly factor: ExactFactor;
  /** other accepted spellings (after trimming and full-width normalisation), e.g. "km" for 公里 */
  readonly aliases: readonly string[];
  /** as its dimension: figures in this unit add up across units */
  readonly additive: boolean;
}

export class UnknownUnitError extends Error {
  constructor(readonly symbol: string) {
    super(`Unknown unit of measure: "${symbol}"`);
    this.name = 'UnknownUnitError';
  }
}

export class IncompatibleUnitsError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly fromDimension: string,
    readonly toDimension: string,
  ) {
    super(`Cannot convert "${from}" (${fromDimension}) to "${to}" (${toDimension}): different dimensions`);
    this.name = 'IncompatibleUnitsError';
  }
}
