export { Decimal, dec, isDecimalString, toPlainString, ZERO, ONE } from './decimal';
export type { Dec, DecInput } from './decimal';
