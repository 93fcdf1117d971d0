import { RecordedEvent } from '../../event-store/event-store.port';

/**
 * A read model (读模型) built as documents, one per key, by a pure `evolve`.
 *
 * The same `evolve` fills the PostgreSQL table (the runner loads the touched documents, applies a
 * batch of events in order and saves them with the checkpoint in one transaction) and builds an
 * in-memory view "as of" any past position for time travel.
 */
export interface DocumentProjection<Doc extends ProjectedDocument = ProjectedDocument> {
  /** Processor id; also the checkpoint's name. */
  readonly name: string;
  /** Bump when `evolve` or the row mapping changes: the projection then rebuilds itself. */
  readonly version: number;
  /** The table holding its documents (columns: see DocumentTable). */
  readonly table: DocumentTable<Doc>;
  /**
   * Rows derived from each document into a table of their own (e.g. one row per period), replaced
   * whenever the document is saved, in the same transaction; rebuilt and swapped in with the table.
   */
  readonly derived?: DerivedRows<Doc>;
  /** Which documents an event touches; `undefined` when it touches none. */
  select(event: RecordedEvent): DocumentSelector | undefined;
  /** Pure: the document after the event (`null` deletes it). Called once per selected document. */
  evolve(doc: Doc | undefined, event: RecordedEvent, key: string): Doc | null | undefined;
}

/** Every document remembers the last global position applied to it, so a replayed event is a no-op. */
export interface ProjectedDocument {
  position: string;
}

/** One document by key, or every document whose indexed column has a value (fan-out, e.g. all targets of a plan). */
export type DocumentSelector = { key: string } | { column: string; value: string };

export interface DocumentTable<Doc> {
  /** Table name; rebuilds use `<name>__rebuild` then swap. */
  name: string;
  /** Extra indexed columns (besides `key`, `position`, `doc`), extracted from the document for queries. */
  columns: Record<string, ColumnSpec<Doc>>;
}

export interface ColumnSpec<Doc> {
  sqlType: 'text' | 'numeric' | 'integer' | 'bigint' | 'boolean' | 'timestamptz' | 'date';
  indexed?: boolean;
  value(doc: Doc): string | number | boolean | null;
}

/** A table of rows derived from the documents: keyed by the document's `key` and the `primaryKey` columns. */
export interface DerivedRows<Doc> {
  /** Table name; rebuilds use `<name>__rebuild` then swap, with the document table. */
  name: string;
  /** `json` keeps the text as written (cheap to send back as it is); `jsonb` when the database must look inside. */
  columns: Record<string, { sqlType: ColumnSpec<Doc>['sqlType'] | 'jsonb' | 'json' }>;
  /** Columns that, with `key`, identify a row. */
  primaryKey: string[];
  /** Further indexes, each a list of columns. */
  indexes: string[][];
  /** The document's rows (none for a document that should not appear). */
  rows(doc: Doc): Array<Record<string, unknown>>;
}
