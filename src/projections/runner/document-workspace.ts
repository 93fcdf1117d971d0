import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection, DocumentSelector, ProjectedDocument } from './document-projection';

/** Where documents not yet in the workspace come from (the table in a live batch; nowhere in memory). */
export interface DocumentLoader<Doc> {
  byKeys(keys: string[]): Promise<Map<string, Doc>>;
  byColumn(column: string, value: string): Promise<Map<string, Doc>>;
}

/** `evolve` threw: names the projection, the event and the document, so the log says what to fix. */
export class ProjectionEvolveError extends Error {
  constructor(projection: string, event: RecordedEvent, key: string, cause: unknown) {
    super(
      `${projection}: evolve failed on ${event.type} at position ${event.position} (stream ${event.streamId}, ` +
        `document '${key}'): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'ProjectionEvolveError';
  }
}

function emptyLoader<Doc>(): DocumentLoader<Doc> {
  return { byKeys: async () => new Map<string, Doc>(), byColumn: async () => new Map<string, Doc>() };
}

/**
 * Applies events to documents with a projection's pure `evolve`, tracking what changed. Used per batch
 * by the live runner and, with no loader, as the whole in-memory view for "as of" queries.
 */
export class DocumentWorkspace<Doc extends ProjectedDocument> {
  private readonly docs = new Map<string, Doc | null>();
  private readonly loadedSelections = new Set<string>();
  private readonly columns: Array<(doc: Doc) => unknown>;
  readonly dirty = new Set<string>();
  /** Events left out because evolve could not apply them (only with `skipPoison`). */
  readonly poisoned: ProjectionEvolveError[] = [];

  constructor(
    private readonly projection: DocumentProjection<Doc>,
    private readonly loader: DocumentLoader<Doc> = emptyLoader<Doc>(),
    /**
     * Leave out an event evolve cannot apply instead of throwing: for in-memory views, which must show
     * what the live tables show (where such an event is quarantined), not fail.
     */
    private readonly options: {
      skipPoison?: boolean;
      /** Told each document an event produced (a live batch's listeners: see DocumentProjectionFollower.observe). */
      onEvolved?: (event: RecordedEvent, key: string, doc: Doc | null) => void;
    } = {},
  ) {
    this.columns = Object.values(projection.table.columns).map((c) => c.value);
  }

  /** Applies events in order. A document already at or past an event's position ignores it (replays are no-ops). */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    const selections = events.map((e) => this.projection.select(e));
    await this.prefetch(selections);
    events.forEach((event, i) => {
      const selection = selections[i];
      if (selection) for (const key of this.keysFor(selection)) this.evolveOne(key, event);
    });
  }

  /** The workspace holds the key: a document, or null for one deleted or looked up and not found. */
  has(key: string): boolean {
    return this.docs.has(key);
  }

  get(key: string): Doc | undefined {
    return this.docs.get(key) ?? undefined;
  }

  /** Every live document (deleted ones excluded). */
  all(): Doc[] {
    return [...this.docs.values()].filter((d): d is Doc => d !== null);
  }

  /** Every document the workspace holds, `null` for one deleted or looked up and not found. */
  entries(): IterableIterator<[string, Doc | null]> {
    return this.docs.entries();
  }

  changes(): { saved: Map<string, Doc>; deleted: string[] } {
    const saved = new Map<string, Doc>();
    const deleted: string[] = [];
    for (const key of this.dirty) {
      const doc = this.docs.get(key);
      if (doc) saved.set(key, doc);
      else deleted.push(key);
    }
    return { saved, deleted };
  }

  private async prefetch(selections: Array<DocumentSelector | undefined>): Promise<void> {
    const keys = new Set<string>();
    for (const s of selections) if (s && 'key' in s && !this.docs.has(s.key)) keys.add(s.key);
    if (keys.size) this.remember(await this.loader.byKeys([...keys]), keys);
    for (const s of selections) {
      if (!s || 'key' in s) continue;
      const id = `${s.column}=${s.value}`;
      if (this.loadedSelections.has(id)) continue;
      this.loadedSelections.add(id);
      this.remember(await this.loader.byColumn(s.column, s.value));
    }
  }

  private remember(loaded: Map<string, Doc>, requested: Set<string> = new Set()): void {
    for (const [key, doc] of loaded) if (!this.docs.has(key)) this.docs.set(key, doc);
    // Remember misses too, so a document created in this batch is not loaded again.
    for (const key of requested) if (!this.docs.has(key)) this.docs.set(key, null);
  }

  private keysFor(selection: DocumentSelector): string[] {
    if ('key' in selection) return [selection.key];
    const column = this.projection.table.columns[selection.column];
    if (!column) throw new Error(`${this.projection.name}: no column '${selection.column}'`);
    const keys: string[] = [];
    for (const [key, doc] of this.docs) if (doc && String(column.value(doc)) === selection.value) keys.push(key);
    return keys;
  }

  private evolveOne(key: string, event: RecordedEvent): void {
    const current = this.docs.get(key) ?? undefined;
    if (current && BigInt(current.position) >= event.position) return;
    let next: Doc | null | undefined;
    try {
      next = this.projection.evolve(current, event, key);
      // A document whose indexed columns cannot be read could never be saved: the event is the cause.
      if (next) for (const column of this.columns) column(next);
    } catch (error) {
      const failure = new ProjectionEvolveError(this.projection.name, event, key, error);
      if (!this.options.skipPoison) throw failure;
      this.poisoned.push(failure);
      return;
    }
    if (next === undefined) return;
    // Documents may be shared (an as-of view's snapshot): the one evolve was given is never changed.
    if (next !== null && next === current) next = { ...next };
    if (next !== null) next.position = event.position.toString();
    this.docs.set(key, next);
    this.dirty.add(key);
    this.options.onEvolved?.(event, key, next);
  }
}
