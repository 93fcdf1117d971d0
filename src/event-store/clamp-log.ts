/** What one append moved: how many of its events, the first one's time as given and the time it was recorded at. */
export interface Clamped {
  events: number;
  from: string;
  to: string;
}

interface Counted {
  startedAt: number;
  appends: number;
  events: number;
  streams: Set<string>;
  earliestGiven?: string;
  latestRecorded?: string;
}

const SUBJECT = '记录时间早于流或日志中最后的时间，已调整';

/**
 * Lines about recorded times moved up (see `clampTimes`), at most two a window: the first clamp is logged at
 * once with its stream and times; the clamps after it within `windowMs` are counted and logged as one
 * summary when the window ends (or at `flush`, which the stores call on close) — how many events, appends
 * and streams, the earliest time given and the latest recorded. The next clamp after that opens a new window.
 */
export class ClampLog {
  private counted?: Counted;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly write: (line: string) => void,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  report(streamId: string, clamped: Clamped): void {
    const counted = this.counted;
    if (counted) {
      counted.appends++;
      counted.events += clamped.events;
      counted.streams.add(streamId);
      if (!counted.earliestGiven || Date.parse(clamped.from) < Date.parse(counted.earliestGiven))
        counted.earliestGiven = clamped.from;
      if (!counted.latestRecorded || Date.parse(clamped.to) > Date.parse(counted.latestRecorded))
        counted.latestRecorded = clamped.to;
      return;
    }
    const events = clamped.events > 1 ? ` (${clamped.events} events of this append)` : '';
    this.write(
      `${SUBJECT} / recorded time ${clamped.from} is earlier than the last in ${streamId} or the log: recorded at ${clamped.to}${events}; ` +
        `further ones in the next ${Math.round(this.windowMs / 1000)} s are counted in one line`,
    );
    this.counted = { startedAt: this.now(), appends: 0, events: 0, streams: new Set() };
    this.timer = setTimeout(() => this.flush(), this.windowMs);
    // A pending summary never keeps a process (or a test worker) alive.
    this.timer.unref();
  }

  /** Logs the summary of what was counted since the last line, if anything, and closes the window. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const counted = this.counted;
    this.counted = undefined;
    if (!counted?.events) return;
    const seconds = Math.max(1, Math.round((this.now() - counted.startedAt) / 1000));
    this.write(
      `${SUBJECT}：此前 ${seconds} 秒内另有 ${counted.events} 个事件（${counted.appends} 次追加，${counted.streams.size} 个流） / ` +
        `${counted.events} more events in ${counted.appends} appends to ${counted.streams.size} streams in the last ${seconds} s ` +
        `were recorded later than given (given from ${counted.earliestGiven}, recorded at up to ${counted.latestRecorded})`,
    );
  }
}
