/**
 * Wakes waiting subscribers when events may have arrived. A generation counter avoids the lost
 * wake-up between "read found nothing" and "start waiting": a waiter passes the generation it saw
 * before reading and returns at once if it has moved on.
 */
export class WakeUps {
  private generation = 0;
  private waiters = new Set<() => void>();

  get current(): number {
    return this.generation;
  }

  signal(): void {
    this.generation++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next signal after `seenGeneration`, after `timeoutMs`, or on abort. */
  wait(seenGeneration: number, timeoutMs: number, abort?: AbortSignal): Promise<void> {
    if (this.generation !== seenGeneration || abort?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      abort?.addEventListener('abort', done, { once: true });
    });
  }
}
