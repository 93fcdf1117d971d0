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

  constructor(
    private readonly wanted: (event: RecordedEvent) => boolean,
    private readonly capacity = 10_000,
  ) {}

  record(event: RecordedEvent, doc: TargetDocument | null): void {
    if (!doc || !this.wanted(event)) return;
    this.byEvent.set(event.id, doc);
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

  has(event: RecordedEvent): boolean {
    return this.byEvent.has(event.id);
  }

  get size(): number {
    return this.byEvent.size;
  }
}
