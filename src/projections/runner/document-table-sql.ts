import { PoolClient } from 'pg';
import { DocumentTable, ProjectedDocument } from './document-projection';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a safe SQL identifier: '${name}'`);
  return name;
}

/** SQL over one projection's document table (or its rebuild twin). */
export class DocumentTableSql<Doc extends ProjectedDocument> {
  private readonly columnNames: string[];

  constructor(
    private readonly table: DocumentTable<Doc>,
    readonly tableName: string = table.name,
  ) {
    assertIdentifier(tableName);
    this.columnNames = Object.keys(table.columns).map(assertIdentifier);
  }

  createStatements(): string[] {
    const columns = this.columnNames.map((c) => `, ${c} ${this.table.columns[c].sqlType}`).join('');
    const statements = [
      `CREATE TABLE IF NOT EXISTS ${this.tableName} (key text PRIMARY KEY, position bigint NOT NULL, doc jsonb NOT NULL${columns})`,
    ];
    for (const c of this.columnNames.filter((name) => this.table.columns[name].indexed)) {
      statements.push(`CREATE INDEX IF NOT EXISTS ${this.tableName}_${c} ON ${this.tableName} (${c})`);
    }
    return statements;
  }

  async create(client: PoolClient): Promise<void> {
    for (const statement of this.createStatements()) await client.query(statement);
  }

  async loadByKeys(client: PoolClient, keys: string[]): Promise<Map<string, Doc>> {
    if (keys.length === 0) return new Map();
    const { rows } = await client.query<{ key: string; doc: Doc }>(
      `SELECT key, doc FROM ${this.tableName} WHERE key = ANY ($1::text[])`,
      [keys],
    );
    return new Map(rows.map((r) => [r.key, r.doc]));
  }

  async loadByColumn(client: PoolClient, column: string, value: string): Promise<Map<string, Doc>> {
    if (!this.columnNames.includes(column)) throw new Error(`${this.tableName} has no column '${column}'`);
    const { rows } = await client.query<{ key: string; doc: Doc }>(
      `SELECT key, doc FROM ${this.tableName} WHERE ${column} = $1`,
      [value],
    );
    return new Map(rows.map((r) => [r.key, r.doc]));
  }

  /** Upserts documents in one statement (arrays unnested server-side). */
  async save(client: PoolClient, docs: Map<string, Doc>): Promise<void> {
    if (docs.size === 0) return;
    const keys: string[] = [];
    const positions: string[] = [];
    const bodies: string[] = [];
    const extra: Array<Array<string | number | boolean | null>> = this.columnNames.map(() => []);
    for (const [key, doc] of docs) {
      keys.push(key);
      positions.push(doc.position);
      bodies.push(JSON.stringify(doc));
      this.columnNames.forEach((c, i) => extra[i].push(this.table.columns[c].value(doc)));
    }
    const names = ['key', 'position', 'doc', ...this.columnNames];
    const types = ['text', 'bigint', 'jsonb', ...this.columnNames.map((c) => this.table.columns[c].sqlType)];
    const unnest = types.map((t, i) => `$${i + 1}::${t === 'jsonb' ? 'text' : t}[]`).join(', ');
    const select = names.map((n, i) => (types[i] === 'jsonb' ? `${n}::jsonb` : n)).join(', ');
    const updates = names.slice(1).map((n) => `${n} = EXCLUDED.${n}`).join(', ');
    await client.query(
      `INSERT INTO ${this.tableName} (${names.join(', ')})
       SELECT ${select} FROM unnest(${unnest}) AS t(${names.join(', ')})
       ON CONFLICT (key) DO UPDATE SET ${updates}`,
      [keys, positions, bodies, ...extra],
    );
  }

  async delete(client: PoolClient, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await client.query(`DELETE FROM ${this.tableName} WHERE key = ANY ($1::text[])`, [keys]);
  }
}
