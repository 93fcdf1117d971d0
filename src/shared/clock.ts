/** Time enters commands from here (HTTP layer, CLI, scheduler); tests inject a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date): void {
    this.current = to;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * A clock that starts at a chosen moment and then runs at real speed: the demo year runs "as of"
 * shortly after its last reported month, so deadlines and report checks behave as they did then.
 */
export class OffsetClock implements Clock {
  private readonly offsetMs: number;

  constructor(start: Date, realNow: Date = new Date()) {
    this.offsetMs = start.getTime() - realNow.getTime();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
