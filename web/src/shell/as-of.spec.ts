import { linkWithAsOf, monthEnd, monthOf, parseAsOf, shanghaiInstant, withAsOf } from './as-of';

describe('the as-of moment in the URL', () => {
  it('reads an ISO time or a global position from ?asOf= and ignores anything else', () => {
    expect(parseAsOf('?asOf=2021-06-30T15:59:59.000Z&plan=x')).toBe('2021-06-30T15:59:59.000Z');
    expect(parseAsOf('?asOf=12345')).toBe('12345');
    expect(parseAsOf('?asOf=yesterday')).toBeUndefined();
    expect(parseAsOf('?plan=x')).toBeUndefined();
  });

  it('sets and clears asOf keeping the other parameters', () => {
    expect(withAsOf('?unitCode=anting', '2021-01-31T15:59:59.000Z')).toBe(
      '?unitCode=anting&asOf=2021-01-31T15%3A59%3A59.000Z',
    );
    expect(withAsOf('?unitCode=anting&asOf=1', undefined)).toBe('?unitCode=anting');
    expect(withAsOf('?asOf=1', undefined)).toBe('');
    expect(linkWithAsOf('/targets/a', '2021-01-31T15:59:59.000Z')).toBe('/targets/a?asOf=2021-01-31T15%3A59%3A59.000Z');
    expect(linkWithAsOf('/targets?unitCode=x', undefined)).toBe('/targets?unitCode=x');
  });

  it('offers each month’s last second in Asia/Shanghai and finds the month of a time', () => {
    expect(monthEnd(2021, 6)).toBe('2021-06-30T15:59:59.000Z');
    expect(monthEnd(2021, 12)).toBe('2021-12-31T15:59:59.000Z');
    expect(monthEnd(2024, 2)).toBe('2024-02-29T15:59:59.000Z');
    expect(monthOf('2021-06-30T15:59:59.000Z', 2021)).toBe(6);
    // 16:30 UTC on 30 June is already 1 July in Shanghai.
    expect(monthOf('2021-06-30T16:30:00.000Z', 2021)).toBe(7);
    expect(monthOf('2022-01-05T00:00:00.000Z', 2021)).toBeUndefined();
    expect(monthOf('123', 2021)).toBeUndefined();
  });

  it('reads a picked Asia/Shanghai wall time as the instant it is, whatever the browser’s zone', () => {
    expect(shanghaiInstant('2021-06-30T23:59')).toBe('2021-06-30T15:59:00.000Z');
    expect(shanghaiInstant('2021-01-01T07:30')).toBe('2020-12-31T23:30:00.000Z');
  });
});
