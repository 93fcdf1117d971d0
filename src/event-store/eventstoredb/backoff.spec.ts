import { resubscribeDelayMs, sleep } from './backoff';

describe('resubscribeDelayMs', () => {
  it('doubles from the base delay per consecutive drop, capped', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => resubscribeDelayMs(n, 250, 5_000))).toEqual([
      250, 500, 1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
    expect(resubscribeDelayMs(1_000, 250, 5_000)).toBe(5_000);
    expect(resubscribeDelayMs(-1, 250, 5_000)).toBe(250);
  });
});

describe('sleep', () => {
  it('waits the given time', async () => {
    const started = Date.now();
    await sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('ends early when a signal aborts, and at once when one already has', async () => {
    const abort = new AbortController();
    const started = Date.now();
    setTimeout(() => abort.abort(), 10);
    await sleep(10_000, undefined, abort.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
    await sleep(10_000, abort.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
