export { IncompatibleUnitsError, UnknownUnitError } from './unit-of-measure';
export type { Dimension, ExactFactor, UnitOfMeasure } from './unit-of-measure';
export {
  areCompatible,
  convert,
  findUnit,
  isKnownUnit,
  listDimensions,
  listUnits,
  normalizeUnitSymbol,
  parseUnit,
} from './units';
