import { Pool, PoolClient } from 'pg';
import { DerivedRows, DocumentTable, ProjectedDocument } from './document-projection';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a safe SQL identifier: '${name}'`);
  return name;
}

/** A save's parameters, made before it is sent (DocumentTableSql.prepare). */
export interface PreparedSave {
  /** The documents' rows as one JSON array; absent when there are none. */
  readonly documents?: string;
  /** Each document's JSON length. */
  readonly sizes: Map<string, number>;
  readonly derived?: PreparedRows;
}

/** Derived rows to replace: the documents whose rows go, and the new rows as one JSON array (absent when none). */
export interface PreparedRows {
  readonly keys: string[];
  readonly rows?: string;
}

/** SQL over one projection's document table (or its rebuild twin), and its derived rows' table when it has one. */
export class DocumentTableSql<Doc extends ProjectedDocument> {
  private readonly columnNames: string[];
  readonly derived?: DerivedRowsSql<Doc>;

  constructor(
    private readonly table: DocumentTable<Doc>,
    readonly tableName: string = table.name,
    derived?: DerivedRows<Doc>,
  ) {
    assertIdentifier(tableName);
    this.columnNames = Object.keys(table.columns).map(assertIdentifier);
    // The derived table's twin carries the same suffix as the document table's (`__rebuild`).
    if (derived) this.derived = new DerivedRowsSql(derived, derived.name + tableName.slice(table.name.length));
  }

  createStatements(): string[] {
    return [...this.tableStatements(), ...this.indexStatements()];
  }

  /** The tables (with their primary keys). */
  tableStatements(): string[] {
    const columns = this.columnNames.map((c) => `, ${c} ${this.table.columns[c].sqlType}`).join('');
    return [
      `CREATE TABLE IF NOT EXISTS ${this.tableName} (key text PRIMARY KEY, position bigint NOT NULL, doc jsonb NOT NULL${columns})`,
      ...(this.derived ? [this.derived.tableStatement()] : []),
    ];
  }

  /** The secondary indexes (a rebuild adds them once the bulk is in). */
  indexStatements(): string[] {
    const statements = this.columnNames
      .filter((name) => this.table.columns[name].indexed)
      .map((c) => `CREATE INDEX IF NOT EXISTS ${this.tableName}_${c} ON ${this.tableName} (${c})`);
    return [...statements, ...(this.derived?.indexStatements() ?? [])];
  }

  async create(client: PoolClient): Promise<void> {
    for (const statement of this.createStatements()) await client.query(statement);
  }

  async loadByKeys(client: Pool | PoolClient, keys: string[]): Promise<Map<string, Doc>> {
    if (keys.length === 0) return new Map();
    const { rows } = await client.query<{ key: string; doc: Doc }>(
      `SELECT key, doc FROM ${this.tableName} WHERE key = ANY ($1::text[])`,
      [keys],
    );
    return new Map(rows.map((r) => [r.key, r.doc]));
  }

  async loadByColumn(client: Pool | PoolClient, column: string, value: string): Promise<Map<string, Doc>> {
    if (!this.columnNames.includes(column)) throw new Error(`${this.tableName} has no column '${column}'`);
    const { rows } = await client.query<{ key: string; doc: Doc }>(
      `SELECT key, doc FROM ${this.tableName} WHERE ${column} = $1`,
      [value],
    );
    return new Map(rows.map((r) => [r.key, r.doc]));
  }

  /**
   * Upserts documents in one statement: the rows travel as one JSON array, parsed once by the server
   * (`jsonb_to_recordset`), which is about twice as fast as one array parameter per column. Answers
   * each document's JSON length (a rebuild's memory budget counts it).
   */
  async save(client: PoolClient, docs: Map<string, Doc>): Promise<Map<string, number>> {
    return this.write(client, this.prepare(docs));
  }

  /**
   * What save sends, made ahead: the documents' JSON and their derived rows' (a rebuild makes a chunk's
   * while the previous chunk is being written).
   */
  prepare(docs: Map<string, Doc>): PreparedSave {
    const sizes = new Map<string, number>();
    if (docs.size === 0) return { sizes };
    const rows: string[] = [];
    for (const [key, doc] of docs) {
      const row: Record<string, unknown> = { key, position: doc.position, doc };
      for (const c of this.columnNames) row[c] = this.table.columns[c].value(doc);
      const json = JSON.stringify(row);
      sizes.set(key, json.length);
      rows.push(json);
    }
    return { documents: `[${rows.join(',')}]`, sizes, derived: this.derived?.prepare(docs) };
  }

  /** Sends a prepared save (see save); answers the documents' JSON lengths. */
  async write(client: PoolClient, prepared: PreparedSave): Promise<Map<string, number>> {
    if (prepared.documents === undefined) return prepared.sizes;
    const names = ['key', 'position', 'doc', ...this.columnNames];
    const types = ['text', 'bigint', 'jsonb', ...this.columnNames.map((c) => this.table.columns[c].sqlType)];
    const quoted = names.map((n) => `"${n}"`);
    const record = quoted.map((n, i) => `${n} ${types[i]}`).join(', ');
    const updates = quoted
      .slice(1)
      .map((n) => `${n} = EXCLUDED.${n}`)
      .join(', ');
    await client.query(
      `INSERT INTO ${this.tableName} (${quoted.join(', ')})
       SELECT ${quoted.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${record})
       ON CONFLICT (key) DO UPDATE SET ${updates}`,
      [prepared.documents],
    );
    if (prepared.derived) await this.derived?.write(client, prepared.derived);
    return prepared.sizes;
  }

  async delete(client: PoolClient, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await client.query(`DELETE FROM ${this.tableName} WHERE key = ANY ($1::text[])`, [keys]);
    await this.derived?.remove(client, keys);
  }
}

/** SQL over a projection's derived rows (DerivedRows): replaced per document, with the document. */
export class DerivedRowsSql<Doc> {
  private readonly columnNames: string[];

  constructor(
    private readonly spec: DerivedRows<Doc>,
    readonly tableName: string,
  ) {
    assertIdentifier(tableName);
    this.columnNames = Object.keys(spec.columns).map(assertIdentifier);
    for (const c of [...spec.primaryKey, ...spec.indexes.flat()]) {
      if (!this.columnNames.includes(c)) throw new Error(`${spec.name}: no column '${c}'`);
    }
  }

  tableStatement(): string {
    const columns = this.columnNames.map((c) => `, ${c} ${this.spec.columns[c].sqlType}`).join('');
    return `CREATE TABLE IF NOT EXISTS ${this.tableName} (key text NOT NULL${columns}, PRIMARY KEY (key, ${this.spec.primaryKey.join(', ')}))`;
  }

  indexStatements(): string[] {
    return this.spec.indexes.map(
      (cols) =>
        `CREATE INDEX IF NOT EXISTS ${this.tableName}_${cols.join('_')} ON ${this.tableName} (${cols.join(', ')})`,
    );
  }

  /**
   * The documents' rows now: their old rows deleted, the new ones inserted (one statement each). The
   * rows travel as `json`, not `jsonb`: their `json` columns then keep the text as sent instead of the
   * server building and printing a jsonb value for each (1.6× less server CPU for a district's rows).
   */
  async replace(client: PoolClient, docs: Map<string, Doc>): Promise<void> {
    await this.write(client, this.prepare(docs));
  }

  /** What replace sends, made ahead: the documents' keys and their rows' JSON. */
  prepare(docs: Map<string, Doc>): PreparedRows {
    if (docs.size === 0) return { keys: [] };
    const rows: Array<Record<string, unknown>> = [];
    for (const [key, doc] of docs) for (const row of this.spec.rows(doc)) rows.push({ ...row, key });
    return { keys: [...docs.keys()], ...(rows.length ? { rows: JSON.stringify(rows) } : {}) };
  }

  async write(client: PoolClient, prepared: PreparedRows): Promise<void> {
    if (prepared.keys.length === 0) return;
    await this.remove(client, prepared.keys);
    if (prepared.rows === undefined) return;
    const names = ['key', ...this.columnNames];
    const types = ['text', ...this.columnNames.map((c) => this.spec.columns[c].sqlType)];
    const quoted = names.map((n) => `"${n}"`);
    const record = quoted.map((n, i) => `${n} ${types[i]}`).join(', ');
    await client.query(
      `INSERT INTO ${this.tableName} (${quoted.join(', ')}) SELECT ${quoted.join(', ')} FROM json_to_recordset($1::json) AS r(${record})`,
      [prepared.rows],
    );
  }

  async remove(client: PoolClient, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await client.query(`DELETE FROM ${this.tableName} WHERE key = ANY ($1::text[])`, [keys]);
  }
}
