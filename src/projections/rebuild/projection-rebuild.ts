import { Logger } from '@nestjs/common';
import { DatabaseError, Pool, PoolClient } from 'pg';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { lockProjection, readCheckpoint, writeCheckpoint } from '../runner/checkpoints';
import { withTransaction } from '../../database/transaction';
import { DocumentProjection, ProjectedDocument } from '../runner/document-projection';
import { assertIdentifier, DocumentTableSql, PreparedSave } from '../runner/document-table-sql';
import { DocumentWorkspace } from '../runner/document-workspace';
import { failureKind } from '../follower/failure-kind';
import { quarantineRepository } from '../quarantine/quarantine.repository';
import { SnapshotStore } from '../time-travel/snapshot-store';
import { RebuildMemory } from './rebuild-memory';

export interface RebuildOptions {
  /** Events per read of the log. */
  pageSize?: number;
  /** Events folded in memory before their documents are written in one statement. */
  flushEvents?: number;
  /**
   * Approximate heap bytes of documents (estimated from their JSON length) kept in memory between
   * writes, so that a document touched again is not read back from the rebuild table (default 128 MiB).
   */
  memoryBudget?: number;
  /**
   * Swap attempts that give way to a live runner already past the rebuild's position (the rebuild
   * then reads on). After that the swap happens anyway: correct, but the live runner re-applies a
   * few events and a read-your-writes wait may briefly see an older table.
   */
  maxSwapAttempts?: number;
  /** How long the swap waits for readers of the old table before it tries again. */
  lockTimeoutMs?: number;
  /** Abandons the rebuild (the live table is untouched; the next rebuild starts afresh). */
  signal?: AbortSignal;
  /** Called after each write to the rebuild table before the swap; awaited. */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
  logger?: Pick<Logger, 'log' | 'warn'>;
}

export interface RebuildProgress {
  name: string;
  /** Events folded into the rebuild table so far. */
  events: number;
  /** Position the rebuild table reflects. */
  position: bigint;
}

export interface RebuildResult {
  name: string;
  version: number;
  /** Events replayed (every event of the log up to `position`, whether the projection uses it or not). */
  events: number;
  /** Checkpoint set at the swap. */
  position: bigint;
  seconds: number;
  eventsPerSecond: number;
  /** Events the projection could not apply: left out, and in the quarantine after the swap. */
  quarantined: number;
}

/** Another process (or this one) is rebuilding the same projection. */
export class RebuildInProgressError extends Error {
  constructor(readonly projection: string) {
    super(`投影 ${projection} 正在重建 / projection '${projection}' is already being rebuilt by another process`);
    this.name = 'RebuildInProgressError';
  }
}

export class RebuildAbortedError extends Error {
  constructor(projection: string) {
    super(`rebuild of '${projection}' was stopped`);
    this.name = 'RebuildAbortedError';
  }
}

export const REBUILD_SUFFIX = '__rebuild';

/**
 * Rebuild as a mode: replays the whole log into a fresh `<table>__rebuild` (big pages, many events
 * folded in memory per write), catches up with the head, then swaps it in under the projection's
 * lock, in one transaction: the old table dropped, the new one renamed in with its indexes, the
 * checkpoint and version set. Until then readers keep using the old table and a live runner keeps
 * following; afterwards the live runner's compare-and-set fails, it reloads the checkpoint and goes on
 * from the swapped-in position.
 *
 * One rebuild at a time per process (they would compete for the same connections), and per
 * projection across processes (a session advisory lock on PostgreSQL; the embedded database has one
 * process by construction).
 */
export async function rebuildProjection<Doc extends ProjectedDocument>(
  projection: DocumentProjection<Doc>,
  pool: Pool,
  eventStore: EventStore,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  return oneAtATime(async () => {
    const claimed = await claim(pool, projection.name);
    try {
      return await new Rebuild(projection, pool, eventStore, options, claimed).run();
    } finally {
      await claimed.release();
    }
  });
}

let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const turn = queue.then(work);
  queue = turn.catch(() => undefined);
  return turn;
}

interface Claim {
  /** Set when the connection holding the lock died: the lock is gone with it. */
  lost?: Error;
  release(): Promise<void>;
}

/** Exclusive right to rebuild `name`: a session advisory lock on its own connection (PostgreSQL only). */
async function claim(pool: Pool, name: string): Promise<Claim> {
  if ((pool.options.max ?? 10) <= 1) return { release: async () => undefined };
  const key = `projection-rebuild:${name}`;
  const client = await pool.connect();
  const held: Claim = {
    async release() {
      // A connection that cannot unlock is destroyed, which ends its session and so the lock.
      const failed =
        held.lost ??
        (await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).then(
          () => undefined,
          (e: Error) => e,
        ));
      client.release(failed);
      client.removeListener('error', onError);
    },
  };
  // Held for the whole rebuild: a connection that dies meanwhile must not take the process down.
  const onError = (error: Error) => (held.lost ??= error);
  client.on('error', onError);
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
    if (!rows[0].ok) throw new RebuildInProgressError(name);
  } catch (error) {
    client.release(held.lost);
    client.removeListener('error', onError);
    throw error;
  }
  return held;
}

const LOCK_NOT_AVAILABLE = '55P03';

/** A chunk folded in memory and what its write sends (or why it cannot be written). */
interface Folded<Doc extends ProjectedDocument> {
  workspace: DocumentWorkspace<Doc>;
  save?: PreparedSave;
  error?: unknown;
  deleted: string[];
}

class Rebuild<Doc extends ProjectedDocument> {
  private readonly live: string;
  private readonly sql: DocumentTableSql<Doc>;
  private readonly pageSize: number;
  private readonly flushEvents: number;
  private readonly started = process.hrtime.bigint();
  /** Position the rebuild table reflects (committed). */
  private written = -1n;
  private writtenEvents = 0;
  /** Position of the last event read from the log. */
  private read = -1n;
  /** Read from the log, not yet handed to a write. */
  private pending: RecordedEvent[] = [];
  /** The write under way: the log is read on meanwhile. */
  private writing?: Promise<void>;
  /** Events the projection could not apply, recorded in the quarantine at the swap. */
  private readonly poisoned: Array<{ event: RecordedEvent; error: unknown }> = [];
  private readonly memory: RebuildMemory<Doc>;
  /** Writes that had to leave an event out (what was folded onto them meanwhile is then folded again). */
  private isolations = 0;

  constructor(
    private readonly projection: DocumentProjection<Doc>,
    private readonly pool: Pool,
    private readonly eventStore: EventStore,
    private readonly options: RebuildOptions,
    private readonly claimed: Claim,
  ) {
    this.live = assertIdentifier(projection.table.name);
    this.sql = new DocumentTableSql(projection.table, `${this.live}${REBUILD_SUFFIX}`, projection.derived);
    this.pageSize = options.pageSize ?? 10000;
    this.flushEvents = options.flushEvents ?? 20000;
    this.memory = new RebuildMemory(projection, this.sql, pool, options.memoryBudget ?? 128 * 2 ** 20);
  }

  async run(): Promise<RebuildResult> {
    try {
      return await this.replayAndSwap();
    } finally {
      // Whatever stopped the rebuild, a write still under way must not end as an unhandled rejection.
      await this.writing?.catch(() => undefined);
    }
  }

  private async replayAndSwap(): Promise<RebuildResult> {
    const createIndexes = this.sql.indexStatements();
    await withTransaction(this.pool, async (client) => {
      for (const table of this.rebuildTables()) await client.query(`DROP TABLE IF EXISTS ${table.rebuild}`);
      for (const statement of this.sql.tableStatements()) await client.query(statement);
    });
    await this.readToHead();
    await this.flush();
    await this.writing;
    // Secondary indexes once the bulk is in: cheaper than maintaining them row by row.
    await withTransaction(this.pool, async (client) => {
      for (const statement of createIndexes) await client.query(statement);
    });
    const maxAttempts = this.options.maxSwapAttempts ?? 20;
    for (let attempt = 1; ; attempt++) {
      await this.readToHead();
      await this.writing;
      if (await this.swap(attempt >= maxAttempts)) break;
    }
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    return {
      name: this.projection.name,
      version: this.projection.version,
      events: this.writtenEvents,
      position: this.written,
      seconds,
      eventsPerSecond: seconds > 0 ? this.writtenEvents / seconds : this.writtenEvents,
      quarantined: this.poisoned.length,
    };
  }

  /**
   * Reads pages until a short page says: the head. The next page is requested while this one is
   * handled, and a write runs while the log is read on.
   */
  private async readToHead(): Promise<void> {
    let next: Promise<RecordedEvent[]> | undefined;
    try {
      for (;;) {
        this.throwIfAborted();
        const page = await (next ?? this.eventStore.readLog({ after: this.read, limit: this.pageSize }));
        next = undefined;
        if (page.length === 0) return;
        this.read = page[page.length - 1].position;
        for (const event of page) this.pending.push(event);
        const full = page.length >= this.pageSize;
        if (full) next = this.eventStore.readLog({ after: this.read, limit: this.pageSize });
        if (this.pending.length >= this.flushEvents) await this.flush();
        if (!full) return;
      }
    } finally {
      // A read still in flight when this stops must not become an unhandled rejection.
      next?.catch(() => undefined);
    }
  }

  /**
   * Folds the pending events in memory and prepares their documents' JSON while the previous write is
   * under way (onto what it writes), then, once it committed, starts writing them.
   */
  private async flush(): Promise<void> {
    if (this.pending.length === 0) return this.writing;
    const events = this.pending;
    this.pending = [];
    const isolations = this.isolations;
    let folded = await this.fold(events);
    await this.writing;
    // The previous write had to leave an event out: what was folded onto it is stale.
    if (folded && this.isolations !== isolations) folded = await this.fold(events);
    const writing = this.writeChunk(events, folded);
    writing.catch(() => undefined); // observed by the next flush, the swap or run()
    this.writing = writing;
  }

  /**
   * The events folded onto the documents in memory, with what their write sends; undefined when one
   * of them cannot be applied.
   */
  private async fold(events: RecordedEvent[]): Promise<Folded<Doc> | undefined> {
    const workspace = this.memory.workspace();
    try {
      await workspace.apply(events);
    } catch (error) {
      if (failureKind(error) !== 'poison') throw error;
      return undefined;
    }
    const { saved, deleted } = workspace.changes();
    try {
      return { workspace, save: this.sql.prepare(saved), deleted };
    } catch (error) {
      // A document that cannot be written: the write fails with this error, as an unprepared one does.
      return { workspace, error, deleted };
    }
  }

  private async writeChunk(events: RecordedEvent[], folded: Folded<Doc> | undefined): Promise<void> {
    let written = false;
    if (folded) {
      this.memory.staged = folded.workspace;
      try {
        const sizes = await withTransaction(this.pool, (client) => this.savePrepared(client, folded));
        this.memory.committed(folded.workspace, sizes);
        written = true;
      } catch (error) {
        if (failureKind(error) !== 'poison') throw error;
      } finally {
        this.memory.staged = undefined;
      }
    }
    if (!written) {
      this.isolations++;
      await this.writeIsolating(events);
    }
    this.committed(events);
    await this.options.onProgress?.({ name: this.projection.name, events: this.writtenEvents, position: this.written });
  }

  /**
   * Writes the events; when they hold one the projection cannot apply, halves them until it is alone
   * and leaves it out (it goes to the quarantine at the swap), as the live runner does.
   */
  private async writeIsolating(events: RecordedEvent[]): Promise<void> {
    try {
      const { workspace, sizes } = await withTransaction(this.pool, (client) => this.write(client, events));
      this.memory.committed(workspace, sizes);
    } catch (error) {
      if (failureKind(error) !== 'poison') throw error;
      if (events.length === 1) {
        this.poisoned.push({ event: events[0], error });
        this.options.logger?.warn(
          `${this.projection.name}: left out ${events[0].type} at ${events[0].position}: ${(error as Error).message}`,
        );
        return;
      }
      const half = Math.ceil(events.length / 2);
      await this.writeIsolating(events.slice(0, half));
      await this.writeIsolating(events.slice(half));
    }
  }

  /** Folds events onto the documents in memory (those forgotten read from the table) and writes them. */
  private async write(
    client: PoolClient,
    events: RecordedEvent[],
  ): Promise<{ workspace: DocumentWorkspace<Doc>; sizes: Map<string, number> }> {
    const workspace = this.memory.workspace(client);
    await workspace.apply(events);
    return { workspace, sizes: await this.save(client, workspace) };
  }

  private async savePrepared(client: PoolClient, folded: Folded<Doc>): Promise<Map<string, number>> {
    if (!folded.save) throw folded.error;
    const sizes = await this.sql.write(client, folded.save);
    await this.sql.delete(client, folded.deleted);
    return sizes;
  }

  /** The workspace's changed documents into the rebuild table; answers their JSON sizes. */
  private async save(client: PoolClient, workspace: DocumentWorkspace<Doc>): Promise<Map<string, number>> {
    const { saved, deleted } = workspace.changes();
    const sizes = await this.sql.save(client, saved);
    await this.sql.delete(client, deleted);
    return sizes;
  }

  private committed(events: RecordedEvent[]): void {
    if (events.length === 0) return;
    this.writtenEvents += events.length;
    this.written = events[events.length - 1].position;
  }

  /**
   * Under the projection's lock: the last events, then the swap and the checkpoint, in one transaction.
   * Gives way (false) while a live runner of the same projection is already past what was read, so
   * the table swapped in is never behind the checkpoint a reader may have waited for.
   */
  private async swap(force: boolean): Promise<boolean> {
    // Without the claim another rebuild may have started on the same table: this one must not swap.
    if (this.claimed.lost)
      throw new Error(`${this.projection.name}: lost the rebuild lock (${this.claimed.lost.message})`);
    const position = this.read;
    const events = this.pending;
    try {
      const swapped = await withTransaction(this.pool, async (client) => {
        await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(this.options.lockTimeoutMs ?? 5000))}`);
        await lockProjection(client, this.projection.name);
        const live = await readCheckpoint(client, this.projection.name, true);
        if (live && live.position > position && !force) return false;
        if (live && live.position > position) {
          this.options.logger?.warn(
            `${this.projection.name}: swapping in at ${position}, behind the live checkpoint ${live.position}`,
          );
        }
        await this.write(client, events);
        for (const table of this.rebuildTables()) {
          await client.query(`DROP TABLE IF EXISTS ${table.live}`);
          await client.query(`ALTER TABLE ${table.rebuild} RENAME TO ${table.live}`);
          await this.renameIndexes(client, table);
        }
        await writeCheckpoint(client, this.projection.name, { position, version: this.projection.version });
        // What the as-of snapshots were folded by may have changed with it.
        await SnapshotStore.invalidate(client, this.projection.name);
        await quarantineRepository.resolveAll(client, this.projection.name, 'superseded by a rebuild');
        for (const { event, error } of this.poisoned)
          await quarantineRepository.add(client, this.projection.name, event, error);
        return true;
      });
      if (swapped) {
        this.committed(events);
        this.written = position;
        this.pending = [];
      }
      return swapped;
    } catch (error) {
      // Readers of the old table held it longer than the lock timeout: read on and try again.
      if (error instanceof DatabaseError && error.code === LOCK_NOT_AVAILABLE && !force) return false;
      // The last events hold one the projection cannot apply: write them apart first, then swap.
      if (failureKind(error) === 'poison' && events.length) {
        this.pending = [];
        await this.writeIsolating(events);
        this.committed(events);
        return false;
      }
      throw error;
    }
  }

  /** The document table and, when the projection has one, its derived rows' table: live name and rebuild twin. */
  private rebuildTables(): Array<{ live: string; rebuild: string }> {
    const tables = [{ live: this.live, rebuild: this.sql.tableName }];
    if (this.projection.derived && this.sql.derived)
      tables.push({ live: assertIdentifier(this.projection.derived.name), rebuild: this.sql.derived.tableName });
    return tables;
  }

  /** `<table>__rebuild_pkey` → `<table>_pkey`, `<table>__rebuild_<column>` → `<table>_<column>`. */
  private async renameIndexes(client: PoolClient, table: { live: string; rebuild: string }): Promise<void> {
    const { rows } = await client.query<{ indexname: string }>(
      'SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1',
      [table.live],
    );
    for (const { indexname } of rows) {
      if (!indexname.startsWith(table.rebuild)) continue;
      const renamed = assertIdentifier(table.live + indexname.slice(table.rebuild.length));
      await client.query(`ALTER INDEX ${assertIdentifier(indexname)} RENAME TO ${renamed}`);
    }
  }

  private throwIfAborted(): void {
    if (this.options.signal?.aborted) throw new RebuildAbortedError(this.projection.name);
  }
}
