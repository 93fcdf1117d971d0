import { RecordedEvent } from '../../event-store/event-store.port';
import { TargetDocument } from '../../targets/read-model/target-document';

/**
 * The target documents the targets projection computed for the events the reactor acts on, kept (by
 * event id) until the reactor takes them: the reactor reacts to the status the projection computed,
 * exactly as of each event, without folding the stream again. Bounded: the oldest go first when the
 * reactor is far behind or leads on another instance.
 */
export class ComputedTargets {
  private readonly byEvent = new Map<string, TargetDocument>();
  /** Called when the document of the event with this id is recorded (the reactor waiting for it). */
  private readonly waiting = new Map<string, () => void>();

  constructor(
    private readonly wanted: (event: RecordedEvent) => boolean,
    private readonly capacity = 10_000,
  ) {}

  record(event: RecordedEvent, doc: TargetDocument | null): void {
    if (!doc || !this.wanted(event)) return;
    this.byEvent.set(event.id, doc);
    const waiter = this.waiting.get(event.id);
    this.waiting.delete(event.id);
    waiter?.();
    for (const oldest of this.byEvent.keys()) {
      if (this.byEvent.size <= this.capacity) break;
      this.byEvent.delete(oldest);
    }
  }

  /** The document right after `event`, once; undefined when it was not seen (or no longer kept). */
  take(event: RecordedEvent): TargetDocument | undefined {
    const doc = this.byEvent.get(event.id);
    this.byEvent.delete(event.id);
    return doc;
  }

  /**
   * Resolves once the documents of all `events` are recorded (the projection computed them, before its
   * commit), or when `giveUp` settles (the projection committed past them without handing one over, or
   * a timeout), whichever comes first.
   */
  async whenRecorded(events: readonly RecordedEvent[], giveUp: () => Promise<unknown>): Promise<void> {
    const pending = events.filter((e) => !this.byEvent.has(e.id));
    if (!pending.length) return;
    try {
      await Promise.race([
        new Promise<void>((resolve) => {
          let left = pending.length;
          for (const e of pending) this.waiting.set(e.id, () => --left === 0 && resolve());
        }),
        giveUp(),
      ]);
    } finally {
      for (const e of pending) this.waiting.delete(e.id);
    }
  }

  has(event: RecordedEvent): boolean {
    return this.byEvent.has(event.id);
  }

  get size(): number {
    return this.byEvent.size;
  }
}
