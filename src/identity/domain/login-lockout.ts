/**
 * Per-username lockout (登录锁定): after `maxFailures` consecutive failed logins the username is
 * locked for `lockMs`, whether or not such a user exists (so the answer reveals nothing).
 * A failure older than the lock window no longer counts; a successful login clears the record.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60 * 1000 };

export interface FailureRecord {
  failures: number;
  lastFailedAt: Date;
  lockedUntil: Date | null;
}

/** Until when the username is locked at `now`, or null. */
export function lockedUntil(record: FailureRecord | undefined, now: Date): Date | null {
  return record?.lockedUntil && record.lockedUntil > now ? record.lockedUntil : null;
}

/** The record after one more failure at `now`. */
export function afterFailure(record: FailureRecord | undefined, now: Date, policy: LockoutPolicy): FailureRecord {
  const stale =
    !record ||
    now.getTime() - record.lastFailedAt.getTime() >= policy.lockMs ||
    (record.lockedUntil !== null && record.lockedUntil <= now);
  const failures = stale ? 1 : record.failures + 1;
  const locked = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  return { failures, lastFailedAt: now, lockedUntil: locked };
}
