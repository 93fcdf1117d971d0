/**
 * Minimal, exact units-of-measure table for plan files (单位换算).
 *
 * Only what the seed plans need: money (元/万元/亿元, 美元/万美元/亿美元), area (平方米/万平方米/公顷/亩),
 * length, mass, rates, ratios (%, ‰, 1/10万) and counts. Every unit has an exact rational factor
 * (numerator/denominator) to the base of its dimension, so 1 亿元 = 10 000 万元 and 1 公顷 = 15 亩 hold exactly.
 * The general registry lives in src/shared/units-of-measure and may replace this table later.
 */
import Decimal from 'decimal.js';

export interface LocalUnit {
  /** Canonical symbol, as printed in the documents. */
  symbol: string;
  /** Units convert only within the same dimension. */
  dimension: string;
  /** value in base unit = value × num / den */
  num: bigint;
  den: bigint;
  aliases?: string[];
  /** amounts that add up across units (亿元, 个, 吨/日); false for ratios, concentrations and scores */
  additive: boolean;
}

const NON_ADDITIVE = new Set(['ratio', 'concentration', 'score']);

const u = (symbol: string, dimension: string, num: bigint, den = 1n, aliases: string[] = []): LocalUnit => ({
  symbol,
  dimension,
  num,
  den,
  aliases,
  additive: !NON_ADDITIVE.has(dimension),
});

/** Count units: each measure word is its own dimension (个 and 户 do not convert). */
const COUNT_WORDS = ['个', '户', '家', '人', '件', '次', '份', '名', '栋', '产', '座', '所', '项', '条', '条段', '套', '家(次)', '人次'];

const UNITS: LocalUnit[] = [
  // money (人民币)
  u('元', 'money-cny', 1n),
  u('万元', 'money-cny', 10_000n),
  u('亿元', 'money-cny', 100_000_000n),
  // money (美元)
  u('美元', 'money-usd', 1n),
  u('万美元', 'money-usd', 10_000n),
  u('亿美元', 'money-usd', 100_000_000n),
  // area — base 1/3 m² so that 亩 (2000/3 m²) is an integer factor
  u('平方米', 'area', 3n, 1n, ['m²', 'm2', '㎡']),
  u('万平方米', 'area', 30_000n, 1n, ['万m²', '万m2', '万㎡']),
  u('公顷', 'area', 30_000n),
  u('亩', 'area', 2_000n),
  // length
  u('米', 'length', 1n, 1n, ['m']),
  u('公里', 'length', 1_000n, 1n, ['千米', 'km']),
  // mass
  u('吨', 'mass', 1n),
  u('万吨', 'mass', 10_000n),
  u('万吨标煤', 'coal-equivalent', 10_000n),
  u('吨标煤', 'coal-equivalent', 1n),
  u('吨/日', 'mass-per-day', 1n),
  u('微克/立方米', 'concentration', 1n),
  // ratios — base 1/10万 (per 100 000)
  u('1/10万', 'ratio', 1n, 1n, ['/10万', '每10万']),
  u('‰', 'ratio', 100n),
  u('%', 'ratio', 1_000n, 1n, ['％']),
  // scores
  u('分', 'score', 1n),
  // counts
  ...COUNT_WORDS.map((w) => u(w, `count:${w}`, 1n)),
  u('万户', 'count:户', 10_000n),
  u('万人', 'count:人', 10_000n),
  u('万人次', 'count:人次', 10_000n),
];

/** Normalise a printed unit: drop spaces (PDF extraction puts one in "万m ²") and unify superscripts/brackets. */
export function normalizeUnitSymbol(symbol: string): string {
  return symbol.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/％/g, '%');
}

const BY_SYMBOL = new Map<string, LocalUnit>();
for (const unit of UNITS) {
  for (const s of [unit.symbol, ...(unit.aliases ?? [])]) BY_SYMBOL.set(normalizeUnitSymbol(s), unit);
}

export function findUnitOfMeasure(symbol: string): LocalUnit | undefined {
  return BY_SYMBOL.get(normalizeUnitSymbol(symbol));
}

export function isKnownUnitOfMeasure(symbol: string): boolean {
  return findUnitOfMeasure(symbol) !== undefined;
}

/** The same unit, possibly printed differently ("万m ²" and "万平方米"). */
export function isSameUnitOfMeasure(a: string, b: string): boolean {
  const ua = findUnitOfMeasure(a);
  const ub = findUnitOfMeasure(b);
  if (ua && ub) return ua === ub;
  return normalizeUnitSymbol(a) === normalizeUnitSymbol(b);
}

/** Values in this unit can be added across units (not %, 1/10万, 微克/立方米, 分). Unknown units: false. */
export function isAdditiveUnit(symbol: string): boolean {
  return findUnitOfMeasure(symbol)?.additive ?? false;
}

export function canConvertUnits(from: string, to: string): boolean {
  const a = findUnitOfMeasure(from);
  const b = findUnitOfMeasure(to);
  return a !== undefined && b !== undefined && a.dimension === b.dimension;
}

export interface ConversionResult {
  value: string;
  /** false when the result does not terminate in decimal (e.g. 亩 → 公顷 of 1); value is then rounded to 30 significant digits. */
  exact: boolean;
}

const PRECISE = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

/** True when n/d has a terminating decimal expansion (d has no prime factors other than 2 and 5). */
function terminates(den: bigint): boolean {
  let d = den < 0n ? -den : den;
  for (const p of [2n, 5n]) while (d % p === 0n) d /= p;
  return d === 1n;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Exact conversion of a plain decimal string between two units of the same dimension. */
export function convertUnits(value: string, from: string, to: string): ConversionResult {
  const a = findUnitOfMeasure(from);
  const b = findUnitOfMeasure(to);
  if (!a) throw new Error(`未知计量单位 Unknown unit of measure '${from}'`);
  if (!b) throw new Error(`未知计量单位 Unknown unit of measure '${to}'`);
  if (a.dimension !== b.dimension) throw new Error(`计量单位不能换算 Units cannot be converted: '${from}' → '${to}'`);
  if (a === b) return { value: new PRECISE(value).toFixed(), exact: true };
  // value × (a.num / a.den) / (b.num / b.den) = value × a.num × b.den / (a.den × b.num)
  let num = a.num * b.den;
  let den = a.den * b.num;
  const g = gcd(num, den);
  num /= g;
  den /= g;
  const scaled = new PRECISE(value).times(num.toString());
  if (terminates(den)) return { value: scaled.div(den.toString()).toFixed(), exact: true };
  // exact only if the decimal value happens to cancel the denominator
  const [intPart, frac = ''] = scaled.toFixed().replace('-', '').split('.');
  const asFraction = BigInt(intPart + frac);
  const fracDen = 10n ** BigInt(frac.length) * den;
  const g2 = gcd(asFraction, fracDen);
  const exact = terminates(fracDen / g2);
  return { value: scaled.div(den.toString()).toSignificantDigits(30).toFixed(), exact };
}

export function listUnitsOfMeasure(): readonly LocalUnit[] {
  return UNITS;
}
