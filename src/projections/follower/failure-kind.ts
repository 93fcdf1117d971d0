import { WrongExpectedRevisionError } from '../../event-store/event-store.errors';
import { DomainError } from '../../shared/problems/domain-error';
import { RebuildAbortedError, RebuildInProgressError } from '../rebuild/projection-rebuild';

/**
 * Why a follower could not apply an event, which decides what it does next:
 * - `transient`: the database or the event store is away, a lock or a concurrent write got in the
 *   way, the follower is stopping. The same events are tried again, with a growing delay.
 * - `poison`: anything else — the projection's code throws on the event, a value does not fit the
 *   read model, a command it causes is refused. Retrying gives the same answer, so the event is
 *   quarantined (after one more try on its own) and the follower goes on with the rest.
 *
 * Poison is the default on purpose: an error nobody foresaw must cost one visible, retryable event,
 * not freeze the read side for everyone.
 */
export type FailureKind = 'poison' | 'transient';

/** SQLSTATE classes of a server or connection in trouble: connection, resources, operator intervention, system, rollback. */
const TRANSIENT_SQLSTATE = /^(08|40|53|55|57|58|XX)/;
const TRANSIENT_MESSAGE =
  /connection (terminated|ended|closed|refused|reset)|terminating connection|timeout|timed out|ECONN|EPIPE|socket|not connected|Client has encountered a connection error|unavailable|deadline exceeded/i;

export function failureKind(error: unknown): FailureKind {
  if (error instanceof DomainError) return error.code === 'concurrent-modification' ? 'transient' : 'poison';
  if (
    error instanceof WrongExpectedRevisionError ||
    error instanceof RebuildAbortedError ||
    error instanceof RebuildInProgressError
  ) {
    return 'transient';
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_SQLSTATE.test(code) ? 'transient' : 'poison';
    if (/^E[A-Z]+$/.test(code)) return 'transient'; // ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT …
  }
  if (error instanceof Error && TRANSIENT_MESSAGE.test(error.message) && !(error.name === 'ProjectionEvolveError'))
    return 'transient';
  return 'poison';
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
