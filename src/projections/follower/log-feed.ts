import { Logger } from '@nestjs/common';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { WakeUps } from '../../event-store/wake-ups';
import { describeError } from './failure-kind';

export interface LogFeedOptions {
  /** Recent events kept in memory for followers at the head of the log. */
  capacity?: number;
  /** Longest wait for new events before a reader looks again. */
  idleWaitMs?: number;
  /** Delay before the shared subscription is opened again after it failed. */
  retryDelayMs?: number;
}

/**
 * The one reader of the log that feeds every follower of a process (projections, reactors): a single
 * catch-up subscription from the head at start, whose events are kept in a bounded in-memory window.
 * A follower at or near the head takes its batches from the window; one further behind (after a
 * restart, a rebuild, a long pause) reads pages of the log directly, and followers asking for the same
 * page at the same time share one read.
 *
 * The window is contiguous: it holds every event after `floor`, in order (the subscription skips
 * none), so "the events after p" come from the window exactly when p ≥ floor.
 */
export class LogFeed {
  private readonly logger = new Logger('LogFeed');
  private readonly capacity: number;
  private readonly idleWaitMs: number;
  private readonly wakeUps = new WakeUps();
  private window: RecordedEvent[] = [];
  /** Every event after this position is in the window (or still to come). */
  private floor = -1n;
  private last = -1n;
  private abort?: AbortController;
  private loop?: Promise<void>;
  private readonly pagesInFlight = new Map<string, Promise<RecordedEvent[]>>();

  constructor(
    private readonly store: EventStore,
    private readonly options: LogFeedOptions = {},
  ) {
    this.capacity = options.capacity ?? 5000;
    this.idleWaitMs = options.idleWaitMs ?? 1000;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.floor = this.last = await this.store.headPosition();
    this.abort = new AbortController();
    this.loop = this.follow(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    this.wakeUps.signal();
    await this.loop;
    this.loop = undefined;
  }

  /**
   * Up to `limit` events after `after`, in order; waits (up to the idle wait) when there are none yet.
   * An empty answer means "nothing yet": ask again.
   */
  async read(after: bigint, limit: number, signal: AbortSignal, waitMs = this.idleWaitMs): Promise<RecordedEvent[]> {
    if (after < this.floor || !this.loop) return this.readPage(after, limit);
    const generation = this.wakeUps.current;
    const fromWindow = this.fromWindow(after, limit);
    if (fromWindow.length) return fromWindow;
    await this.wakeUps.wait(generation, Math.min(waitMs, this.idleWaitMs), signal);
    return after < this.floor ? this.readPage(after, limit) : this.fromWindow(after, limit);
  }

  /**
   * The events after `after` already in memory, up to `limit`, without waiting or reading the log;
   * undefined when the window does not reach back to `after` (a standing-by runner looks ahead with it).
   */
  peek(after: bigint, limit: number): readonly RecordedEvent[] | undefined {
    if (after < this.floor || !this.loop) return undefined;
    return this.fromWindow(after, limit);
  }

  private fromWindow(after: bigint, limit: number): RecordedEvent[] {
    const window = this.window;
    let low = 0;
    let high = window.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (window[mid].position <= after) low = mid + 1;
      else high = mid;
    }
    return window.slice(low, low + limit);
  }

  /** A page straight from the log; concurrent identical requests share the read. */
  private readPage(after: bigint, limit: number): Promise<RecordedEvent[]> {
    const key = `${after}:${limit}`;
    let page = this.pagesInFlight.get(key);
    if (!page) {
      page = this.store.readLog({ after, limit }).finally(() => this.pagesInFlight.delete(key));
      this.pagesInFlight.set(key, page);
    }
    return page;
  }

  private async follow(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        for await (const event of this.store.subscribe({ after: this.last, signal })) {
          this.window.push(event);
          this.last = event.position;
          if (this.window.length > this.capacity * 2) {
            const dropped = this.window.length - this.capacity;
            this.floor = this.window[dropped - 1].position;
            this.window = this.window.slice(dropped);
          }
          this.wakeUps.signal();
        }
      } catch (error) {
        if (signal.aborted) return;
        this.logger.error(`the shared log subscription failed; reopening from ${this.last}: ${describeError(error)}`);
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
      }
    }
  }
}
