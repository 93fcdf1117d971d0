export { IncompatibleUnitsError, UnknownUnitError } from './unit-of-measure';
export type { Dimension, ExactFactor, UnitOfMeasure } from './unit-of-measure';
export {
  areCompatible,
  convert,
  convertExactly,
  findUnit,
  isAdditiveUnit,
  isKnownUnit,
  listDimensions,
  listUnits,
  normalizeUnitSymbol,
  parseUnit,
  UnitDeclarationError,
  UnitRegistry,
  UNITS,
} from './units';
export type { ExactConversion, UnitDeclaration } from './units';
