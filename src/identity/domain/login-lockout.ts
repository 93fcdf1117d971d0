/**
 * Login lockout (登录锁定), counted per guard: the username from one address, the username from
 * anywhere, and the address whatever the username. After `maxFailures` failed logins a guard locks
 * for `lockMs`, doubling with each further lock (exponential back-off) up to `maxLockMs`, whether or
 * not such a user exists (so the answer reveals nothing). A failure older than the lock window no
 * longer counts; a successful login clears the username's guards.
 *
 * An attempt is counted when it starts (reserved), before the password is checked, so concurrent
 * attempts cannot all slip in before the first failure is recorded.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockMs: number;
  /** Longest lock once back-off has doubled it; `lockMs` when absent. */
  maxLockMs?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, lockMs: 15 * MINUTE, maxLockMs: DAY };

/** The guards of one login attempt, strictest first. */
export type GuardKind = 'pair' | 'account' | 'address';

export const GUARD_POLICIES: Record<GuardKind, LockoutPolicy> = {
  /** This username from this address: the ordinary lockout. */
  pair: DEFAULT_LOCKOUT_POLICY,
  /** This username from many addresses: a distributed guess; high enough that one address cannot lock anyone out. */
  account: { maxFailures: 30, lockMs: 15 * MINUTE, maxLockMs: DAY },
  /** One address trying many usernames: password spraying. */
  address: { maxFailures: 50, lockMs: 15 * MINUTE, maxLockMs: DAY },
};

export interface Guard {
  kind: GuardKind;
  key: string;
  policy: LockoutPolicy;
}

export function guardsFor(username: string, address: string): Guard[] {
  return [
    { kind: 'pair', key: `pair:${username}|${address}`, policy: GUARD_POLICIES.pair },
    { kind: 'account', key: `account:${username}`, policy: GUARD_POLICIES.account },
    { kind: 'address', key: `address:${address}`, policy: GUARD_POLICIES.address },
  ];
}

export interface FailureRecord {
  /** Failed attempts, and attempts under way, in the current window. */
  failures: number;
  lastFailedAt: Date;
  lockedUntil: Date | null;
  /** Locks so far (each doubles the next); forgotten a day after the last failure. */
  locks?: number;
}

/** Until when the guard is locked at `now`, or null. */
export function lockedUntil(record: FailureRecord | undefined, now: Date): Date | null {
  return record?.lockedUntil && record.lockedUntil > now ? record.lockedUntil : null;
}

function isStale(record: FailureRecord | undefined, now: Date, policy: LockoutPolicy): boolean {
  return (
    !record ||
    now.getTime() - record.lastFailedAt.getTime() >= policy.lockMs ||
    (record.lockedUntil !== null && record.lockedUntil <= now)
  );
}

function locksSoFar(record: FailureRecord | undefined, now: Date): number {
  return record && now.getTime() - record.lastFailedAt.getTime() < DAY ? (record.locks ?? 0) : 0;
}

/** Whether a new attempt may start: not locked, and fewer than `maxFailures` failures or attempts under way. */
export function admits(record: FailureRecord | undefined, now: Date, policy: LockoutPolicy): boolean {
  if (lockedUntil(record, now)) return false;
  return isStale(record, now, policy) || record!.failures < policy.maxFailures;
}

/** The record once an attempt starts (counted as a failure until it succeeds). */
export function afterAttempt(record: FailureRecord | undefined, now: Date, policy: LockoutPolicy): FailureRecord {
  const failures = isStale(record, now, policy) ? 1 : record!.failures + 1;
  return { failures, lastFailedAt: now, lockedUntil: null, locks: locksSoFar(record, now) };
}

/** The record once a counted attempt failed: locked when the failures reach the limit. */
export function lockIfDue(record: FailureRecord, now: Date, policy: LockoutPolicy): FailureRecord {
  if (record.failures < policy.maxFailures || lockedUntil(record, now)) return record;
  const locks = locksSoFar(record, now);
  const ms = Math.min(policy.maxLockMs ?? policy.lockMs, policy.lockMs * 2 ** Math.min(locks, 20));
  return { ...record, lastFailedAt: now, lockedUntil: new Date(now.getTime() + ms), locks: locks + 1 };
}

/** The record after one more failure at `now` (an attempt counted and failed at once). */
export function afterFailure(record: FailureRecord | undefined, now: Date, policy: LockoutPolicy): FailureRecord {
  return lockIfDue(afterAttempt(record, now, policy), now, policy);
}
