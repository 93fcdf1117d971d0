import { EventStore } from '../../event-store/event-store.port';

export interface KnownState<State> {
  state: State;
  /** The stream's revision the state is folded up to. */
  revision: bigint;
  /**
   * The command ids on the stream, when known completely: an idempotent command not among them is new
   * and may be decided on this state; one among them is answered from a fresh read.
   */
  commandIds?: ReadonlySet<string>;
}

/**
 * The decided state of recently written streams, kept in this process so the next command on a stream
 * decides without reading and folding it again. A hint, never the truth: the append still carries the
 * expected revision, so a state another writer (another instance, a batch) has overtaken makes the
 * append fail and the executor decides again from a fresh read. Least recently used go first.
 */
export class StreamStates<State> {
  private readonly byStream = new Map<string, KnownState<State>>();

  constructor(private readonly capacity = 2_000) {}

  get(streamId: string): KnownState<State> | undefined {
    const known = this.byStream.get(streamId);
    if (known) {
      this.byStream.delete(streamId);
      this.byStream.set(streamId, known);
    }
    return known;
  }

  set(streamId: string, known: KnownState<State>): void {
    this.byStream.delete(streamId);
    this.byStream.set(streamId, known);
    for (const oldest of this.byStream.keys()) {
      if (this.byStream.size <= this.capacity) break;
      this.byStream.delete(oldest);
    }
  }

  forget(streamId: string): void {
    this.byStream.delete(streamId);
  }

  get size(): number {
    return this.byStream.size;
  }
}

const perStore = new WeakMap<EventStore, Map<string, StreamStates<unknown>>>();

/**
 * The states of one kind of stream written through one store: shared by every handler of that kind in
 * the application (and only that application: another store, another test's database, has its own).
 */
export function streamStatesOf<State>(store: EventStore, kind: string): StreamStates<State> {
  let kinds = perStore.get(store);
  if (!kinds) perStore.set(store, (kinds = new Map()));
  let states = kinds.get(kind);
  if (!states) kinds.set(kind, (states = new StreamStates<unknown>()));
  return states as StreamStates<State>;
}
