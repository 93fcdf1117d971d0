import { Pool, PoolClient } from 'pg';
import { DocumentProjection, ProjectedDocument } from '../runner/document-projection';
import { DocumentTableSql } from '../runner/document-table-sql';
import { DocumentLoader, DocumentWorkspace } from '../runner/document-workspace';

/**
 * Heap bytes a document held in memory takes per character of its JSON: a target document with twelve
 * evaluated periods measured 2.3 (heapUsed after a forced GC, 5,000 documents of ~5.9 KB JSON), rounded up.
 */
export const HEAP_BYTES_PER_JSON_CHAR = 2.5;

/**
 * The rebuild's documents kept in memory across its writes, within a budget: the rebuild table is
 * written by the rebuild alone, so what it committed last is known here and a document touched again
 * (a target reported every month) is not read back, nor one never written looked up. Documents
 * beyond the budget are forgotten oldest-touched first and read from the table if touched again.
 * Holds committed documents only; a write under way is `staged` until it commits.
 */
export class RebuildMemory<Doc extends ProjectedDocument> {
  /** Committed documents (null: not in the table), least recently touched first. */
  private readonly docs = new Map<string, { doc: Doc | null; size: number }>();
  /** In the table but no longer in memory. */
  private readonly forgotten = new Set<string>();
  private size = 0;
  /** The write under way: what a fold meanwhile must start from. */
  staged?: DocumentWorkspace<Doc>;

  constructor(
    private readonly projection: DocumentProjection<Doc>,
    private readonly sql: DocumentTableSql<Doc>,
    private readonly pool: Pool,
    /** Approximate heap bytes kept in memory (estimated from the documents' JSON length). */
    private readonly budget: number,
  ) {}

  /** A workspace folding onto what is committed (and staged), reading only forgotten documents from the table. */
  workspace(client?: PoolClient): DocumentWorkspace<Doc> {
    return new DocumentWorkspace(this.projection, this.loader(client));
  }

  /** The workspace's documents are committed: remembered (with their JSON sizes), the oldest forgotten beyond the budget. */
  committed(workspace: DocumentWorkspace<Doc>, sizes: ReadonlyMap<string, number>): void {
    for (const [key, doc] of workspace.entries()) {
      const before = this.docs.get(key);
      if (before) {
        this.size -= before.size;
        this.docs.delete(key); // re-inserted at the end: most recently touched
      }
      const json = sizes.get(key);
      const size = json !== undefined ? Math.ceil(json * HEAP_BYTES_PER_JSON_CHAR) : (before?.size ?? key.length);
      this.docs.set(key, { doc, size });
      this.size += size;
      this.forgotten.delete(key);
    }
    for (const [key, entry] of this.docs) {
      if (this.size <= this.budget) break;
      this.docs.delete(key);
      this.size -= entry.size;
      if (entry.doc) this.forgotten.add(key);
    }
  }

  private loader(client?: PoolClient): DocumentLoader<Doc> {
    // Inside a transaction the table is read on its connection (the embedded database has only one).
    const db = client ?? this.pool;
    return {
      byKeys: async (keys) => {
        const found = new Map<string, Doc>();
        const unknown: string[] = [];
        for (const key of keys) {
          const doc = this.known(key);
          if (doc) found.set(key, doc);
          else if (doc === undefined) unknown.push(key);
        }
        if (unknown.length) for (const [key, doc] of await this.sql.loadByKeys(db, unknown)) found.set(key, doc);
        return found;
      },
      byColumn: async (column, value) => {
        const found = this.forgotten.size ? await this.sql.loadByColumn(db, column, value) : new Map<string, Doc>();
        const read = this.projection.table.columns[column].value;
        const overlay = (key: string, doc: Doc | null) => {
          if (doc && String(read(doc)) === value) found.set(key, doc);
          else found.delete(key);
        };
        for (const [key, { doc }] of this.docs) overlay(key, doc);
        if (this.staged) for (const [key, doc] of this.staged.entries()) overlay(key, doc);
        return found;
      },
    };
  }

  /** The document as committed or staged; null when known absent; undefined when not in memory. */
  private known(key: string): Doc | null | undefined {
    if (this.staged?.has(key)) return this.staged.get(key) ?? null;
    const entry = this.docs.get(key);
    if (entry) return entry.doc;
    return this.forgotten.has(key) ? undefined : null;
  }
}
