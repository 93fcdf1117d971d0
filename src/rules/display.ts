import { dec } from '../shared/decimal';
import { findUnit } from '../shared/units-of-measure';
import { roundedPlaces } from './fixed-places';

/**
 * Display values (显示值): figures stay exact in the data; beside them, a value rounded for people per
 * unit of measure — money (亿元, 万元, 元) and other quantities 2 places, percentages and percentage
 * points 1, counts (个, 家, 项, 户, 人 …), ranks and multiples… as their dimension says.
 */
const PLACES_BY_DIMENSION: Record<string, number> = {
  money_cny: 2,
  money_usd: 2,
  percent: 1,
  percentage_point: 1,
  per_population_rate: 1,
  concentration: 0,
  rank: 0,
  score: 1,
  multiple: 2,
  working_days: 0,
  duration: 0,
  containers: 0,
};

const placesByUnit = new Map<string, number>();

/** Decimal places a figure in this unit is shown with. */
export function displayPlaces(unitOfMeasure: string | undefined): number {
  if (!unitOfMeasure) return placesOf(undefined);
  // The built-in units never change: remembered per spelling (every completion row asks; finding normalizes the text).
  let places = placesByUnit.get(unitOfMeasure);
  if (places === undefined) {
    places = placesOf(unitOfMeasure);
    if (placesByUnit.size >= 1000) placesByUnit.clear();
    placesByUnit.set(unitOfMeasure, places);
  }
  return places;
}

function placesOf(unitOfMeasure: string | undefined): number {
  const unit = unitOfMeasure ? findUnit(unitOfMeasure) : undefined;
  if (!unit) return 2;
  if (unit.dimension in PLACES_BY_DIMENSION) return PLACES_BY_DIMENSION[unit.dimension];
  // A count of things (count:个, count:户 …) has no fraction.
  return unit.dimension.startsWith('count') ? 0 : 2;
}

/** "12.35" for 12.3456 亿元; undefined for what is not a plain decimal. */
export function displayFigure(value: string | null | undefined, unitOfMeasure: string | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return fixed(value, displayPlaces(unitOfMeasure));
}

/** A fraction as a percentage with one place: "0.8272903409090909" → "82.7%". */
export function displayFraction(fraction: string | null | undefined): string | undefined {
  if (fraction === null || fraction === undefined) return undefined;
  const percent = fixed(fraction, 1, 2);
  return percent === undefined ? undefined : `${percent}%`;
}

/** A plain decimal to a fixed number of places (a pace ratio: 3). */
export function displayDecimal(value: string | null | undefined, places: number): string | undefined {
  if (value === null || value === undefined) return undefined;
  return fixed(value, places);
}

/** `value` × 10^`shift` to `places` places; undefined for what is not a plain decimal. */
function fixed(value: string, places: number, shift = 0): string | undefined {
  // Figures are strings (rounded on their digits); anything else a document may hold takes the Decimal path.
  if (typeof value === 'string') return roundedPlaces(value, places, shift);
  try {
    const decimal = dec(value);
    return (shift ? decimal.times(10 ** shift) : decimal).toFixed(places);
  } catch {
    return undefined;
  }
}
