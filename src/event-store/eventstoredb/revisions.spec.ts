import { ANY, NO_STREAM } from '@eventstore/db-client';
import { describeExpectedRevision, firstRevisionOf, toActualRevision, toEsdbExpectedRevision } from './revisions';

describe('toEsdbExpectedRevision', () => {
  it('maps a revision to that revision, no_stream to NO_STREAM and any to ANY', () => {
    expect(toEsdbExpectedRevision(0n)).toBe(0n);
    expect(toEsdbExpectedRevision(41n)).toBe(41n);
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(NO_STREAM).toBe('no_stream');
    expect(ANY).toBe('any');
  });

  it('refuses a negative revision', () => {
    expect(() => toEsdbExpectedRevision(-1n)).toThrow(RangeError);
  });
});

describe('toActualRevision', () => {
  it('keeps a revision and no_stream', () => {
    expect(toActualRevision(1n)).toBe(1n);
    expect(toActualRevision(0n)).toBe(0n);
    expect(toActualRevision('no_stream')).toBe('no_stream');
  });

  it('reads -1 and a missing value (older servers) as no_stream', () => {
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(undefined)).toBe('no_stream');
  });
});

describe('firstRevisionOf', () => {
  it('is the revision the first appended event gets when the expectation holds', () => {
    expect(firstRevisionOf('no_stream')).toBe(0n);
    expect(firstRevisionOf(0n)).toBe(1n);
    expect(firstRevisionOf(9n)).toBe(10n);
    expect(firstRevisionOf('any')).toBeUndefined();
  });
});

describe('describeExpectedRevision', () => {
  it('writes the expectation as the PostgreSQL adapter does', () => {
    expect(describeExpectedRevision(3n)).toBe('3');
    expect(describeExpectedRevision('no_stream')).toBe('no_stream');
    expect(describeExpectedRevision('any')).toBe('any');
  });
});
