/** Delay before resubscribing after the `attempt`-th consecutive drop (0-based): doubling from `baseMs`, capped. */
export function resubscribeDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  if (!Number.isFinite(attempt) || attempt < 0) return Math.min(baseMs, maxMs);
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.floor(attempt), 30));
}

/** Waits `ms`, or less when any of the signals aborts. Never rejects. */
export function sleep(ms: number, ...signals: Array<AbortSignal | undefined>): Promise<void> {
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  if (live.some((s) => s.aborted)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const s of live) s.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const s of live) s.addEventListener('abort', done, { once: true });
  });
}
