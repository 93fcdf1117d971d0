import { END, START } from '@eventstore/db-client';
import {
  EventStoreDbPositionError,
  MAX_POSITION,
  appendedPositionOf,
  compareEsdbPositions,
  esdbPositionOf,
  globalPositionOf,
  isAfter,
  isBefore,
  readStartAfter,
} from './positions';

describe('globalPositionOf', () => {
  it('is the commit position of an implicitly committed event (commit = prepare)', () => {
    expect(globalPositionOf({ commit: 1_234_567n, prepare: 1_234_567n })).toBe(1_234_567n);
    expect(globalPositionOf({ commit: MAX_POSITION, prepare: MAX_POSITION })).toBe(9_223_372_036_854_775_807n);
  });

  it('refuses events of explicit transactions, which share a commit position', () => {
    expect(() => globalPositionOf({ commit: 5_000n, prepare: 4_800n }, 'event e-1')).toThrow(EventStoreDbPositionError);
    expect(() => globalPositionOf({ commit: 5_000n, prepare: 4_800n }, 'event e-1')).toThrow(
      /event e-1 was written in an explicit \(TCP\) transaction: commit 5000 ≠ prepare 4800/,
    );
  });

  it('refuses a missing position and the "no position" marker of old servers (2^64 - 1)', () => {
    expect(() => globalPositionOf(undefined)).toThrow(EventStoreDbPositionError);
    const noPosition = 18_446_744_073_709_551_615n;
    expect(() => globalPositionOf({ commit: noPosition, prepare: noPosition })).toThrow(/22\.10/);
  });
});

describe('appendedPositionOf', () => {
  it('takes the commit position and ignores prepare (some servers report the transaction start there)', () => {
    expect(appendedPositionOf({ commit: 9_876n, prepare: 9_876n })).toBe(9_876n);
    expect(appendedPositionOf({ commit: 9_876n, prepare: 9_500n })).toBe(9_876n);
  });

  it('is undefined when the server reports no position', () => {
    expect(appendedPositionOf(undefined)).toBeUndefined();
    expect(appendedPositionOf({ commit: 18_446_744_073_709_551_615n, prepare: 0n })).toBeUndefined();
    expect(appendedPositionOf({ commit: -1n, prepare: -1n })).toBeUndefined();
  });
});

describe('esdbPositionOf', () => {
  it('round-trips with globalPositionOf', () => {
    for (const p of [0n, 1n, 34_567n, 2n ** 40n + 3n, MAX_POSITION]) {
      expect(esdbPositionOf(p)).toEqual({ commit: p, prepare: p });
      expect(globalPositionOf(esdbPositionOf(p))).toBe(p);
    }
  });

  it('refuses what cannot be a log position', () => {
    expect(() => esdbPositionOf(-1n)).toThrow(RangeError);
    expect(() => esdbPositionOf(MAX_POSITION + 1n)).toThrow(RangeError);
  });
});

describe('readStartAfter', () => {
  it('reads from the start for no checkpoint and for the checkpoints -1n and 0n', () => {
    expect(readStartAfter(undefined)).toBe(START);
    expect(readStartAfter(-1n)).toBe(START);
    expect(readStartAfter(0n)).toBe(START);
  });

  it('reads from the checkpoint event otherwise', () => {
    expect(readStartAfter(4_242n)).toEqual({ commit: 4_242n, prepare: 4_242n });
  });
});

describe('position order', () => {
  it('orders by commit, then prepare', () => {
    expect(compareEsdbPositions({ commit: 10n, prepare: 10n }, { commit: 20n, prepare: 20n })).toBe(-1);
    expect(compareEsdbPositions({ commit: 20n, prepare: 5n }, { commit: 10n, prepare: 10n })).toBe(1);
    expect(compareEsdbPositions({ commit: 20n, prepare: 5n }, { commit: 20n, prepare: 7n })).toBe(-1);
    expect(compareEsdbPositions({ commit: 20n, prepare: 7n }, { commit: 20n, prepare: 7n })).toBe(0);
  });

  it('keeps the bigint order of the port: p < q exactly when esdbPositionOf(p) < esdbPositionOf(q)', () => {
    const ps = [3n, 1_000n, 1_001n, 2n ** 33n];
    for (const p of ps) {
      for (const q of ps) {
        expect(compareEsdbPositions(esdbPositionOf(p), esdbPositionOf(q))).toBe(p < q ? -1 : p > q ? 1 : 0);
      }
    }
  });

  it('tells strictly after / before a bound, START and END included', () => {
    const at = { commit: 500n, prepare: 500n };
    expect(isAfter(at, START)).toBe(true);
    expect(isAfter(at, END)).toBe(false);
    expect(isAfter(at, { commit: 500n, prepare: 500n })).toBe(false);
    expect(isAfter(at, { commit: 499n, prepare: 499n })).toBe(true);
    expect(isBefore(at, END)).toBe(true);
    expect(isBefore(at, START)).toBe(false);
    expect(isBefore(at, { commit: 500n, prepare: 500n })).toBe(false);
    expect(isBefore(at, { commit: 501n, prepare: 501n })).toBe(true);
  });
});
