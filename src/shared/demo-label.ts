/**
 * The label every demo write carries in its text (report narrative, adjustment reason and document,
 * acknowledgement): the read side finds demo data by it and says so, so nobody quotes a demo figure.
 */
export const DEMO_LABEL = '【演示数据 Demo data】';

export function isDemoLabelled(...texts: Array<unknown>): boolean {
  return texts.some((text) => typeof text === 'string' && text.includes(DEMO_LABEL));
}
