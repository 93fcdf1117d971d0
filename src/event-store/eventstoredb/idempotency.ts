/**
 * After EventStoreDB refuses an append with WrongExpectedVersion, what the events stored at the
 * revisions the append aimed for say about it:
 * - 'all': exactly these events, in this order: a retry of an append that succeeded (answer with
 *   the first result, as the port asks);
 * - 'some': some of these ids are there, not all: a caller bug (PartialDuplicateAppendError);
 * - 'none': a genuine concurrency conflict (WrongExpectedRevisionError).
 */
export type RetryOutcome = 'all' | 'some' | 'none';

export function classifyRetry(appendedIds: readonly string[], storedIds: readonly string[]): RetryOutcome {
  const normal = (id: string) => id.toLowerCase();
  const stored = storedIds.map(normal);
  const appended = appendedIds.map(normal);
  if (appended.length > 0 && stored.length === appended.length && appended.every((id, i) => id === stored[i])) {
    return 'all';
  }
  const storedSet = new Set(stored);
  return appended.some((id) => storedSet.has(id)) ? 'some' : 'none';
}
