import { magnitude, outcomeOf } from './reconciliation-lines';

describe('reconciliation outcome', () => {
  it('reads the server’s difference exactly: below zero is a shortfall', () => {
    expect(outcomeOf({ difference: '-0.0001' })).toBe('shortfall');
    expect(outcomeOf({ difference: '0.00' })).toBe('balanced');
    expect(outcomeOf({ difference: '12.5' })).toBe('surplus');
    expect(outcomeOf({ difference: null })).toBe('no-district');
    expect(magnitude('-40.10')).toBe('40.1');
  });
});
