import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { rebuildProjection, RebuildInProgressError, RebuildOptions } from '../rebuild/projection-rebuild';
import { withTransaction } from '../../database/transaction';
import { Checkpoint, lockProjection, readCheckpoint, tableExists, writeCheckpoint } from './checkpoints';
import { DocumentProjection, ProjectedDocument } from './document-projection';
import { DocumentTableSql } from './document-table-sql';
import { DocumentLoader, DocumentWorkspace } from './document-workspace';

export interface ProjectionRunnerOptions {
  /** Events per transaction. */
  batchSize?: number;
  /** Delay before the first retry after a failure; doubles with each failure in a row. */
  retryDelayMs?: number;
  /** Longest delay between retries. */
  maxRetryDelayMs?: number;
  /** How often a paused runner (another version owns the table) looks at the checkpoint again. */
  pausedPollMs?: number;
  /** Settings of the rebuild a version change starts. */
  rebuild?: Omit<RebuildOptions, 'signal'>;
}

/**
 * - `rebuilding`: the logic version changed; the table is being rebuilt while readers use the old one.
 * - `following`: applying the log live.
 * - `paused`: the checkpoint carries another version (a rebuild by another process with other code
 *   swapped its table in); this runner stops writing until the versions agree again.
 */
export type ProjectionRunnerState = 'stopped' | 'rebuilding' | 'following' | 'paused';

export interface ProjectionRunnerStats {
  batches: number;
  events: number;
  /** Batches that failed (evolve threw, the database went away, …) and were retried from the checkpoint. */
  failures: number;
  /** Batches refused because the checkpoint had moved (a rebuild swapped, another runner wrote). */
  checkpointMoves: number;
  rebuilds: number;
}

/** A batch found the checkpoint elsewhere than this runner left it. */
export class CheckpointMovedError extends Error {
  constructor(name: string, expected: Checkpoint, found: Checkpoint | undefined) {
    super(
      `${name}: checkpoint moved from ${expected.position} (v${expected.version}) to ` +
        (found ? `${found.position} (v${found.version})` : 'nowhere'),
    );
    this.name = 'CheckpointMovedError';
  }
}

/** Version recorded for a table found without a checkpoint: unknown, so a rebuild follows. */
const UNKNOWN_VERSION = -1;

/**
 * Runs one document projection live: a catch-up subscription from its checkpoint, events applied in
 * order in batches, each batch one transaction that takes the projection's lock, compare-and-sets
 * the checkpoint and writes the documents. A crash mid-batch loses the whole batch, which is read again
 * from the checkpoint; a failing batch (evolve throws, the database goes away) is logged and retried
 * from the checkpoint with a growing delay, never taking the process down.
 *
 * When the checkpoint's version differs from the projection's at start, the runner first rebuilds
 * the table (readers keep the old one meanwhile), then follows live from the swapped-in checkpoint.
 */
export class ProjectionRunner<Doc extends ProjectedDocument> {
  private readonly logger: Logger;
  private readonly sql: DocumentTableSql<Doc>;
  private checkpoint = -1n;
  private currentState: ProjectionRunnerState = 'stopped';
  private failuresInARow = 0;
  private abort?: AbortController;
  private loop?: Promise<void>;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  readonly stats: ProjectionRunnerStats = { batches: 0, events: 0, failures: 0, checkpointMoves: 0, rebuilds: 0 };

  constructor(
    readonly projection: DocumentProjection<Doc>,
    private readonly pool: Pool,
    private readonly eventStore: EventStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.logger = new Logger(`Projection:${projection.name}`);
    this.sql = new DocumentTableSql(projection.table);
  }

  /** Last position applied to the table readers use. */
  get position(): bigint {
    return this.checkpoint;
  }

  get state(): ProjectionRunnerState {
    return this.currentState;
  }

  /**
   * Reads (or creates) the checkpoint and starts in the background: a rebuild first if the version
   * changed, then following the log. Resolves once started, not once caught up.
   */
  async start(): Promise<void> {
    if (this.loop) return;
    const checkpoint = await this.loadCheckpoint();
    this.checkpoint = checkpoint.position;
    const rebuildFirst = checkpoint.version !== this.projection.version;
    this.currentState = rebuildFirst ? 'rebuilding' : 'following';
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.loop = this.run(signal, rebuildFirst).catch((error: unknown) => {
      // run() handles its own failures; this only keeps a bug there from becoming an unhandled rejection.
      this.logger.error(`projection stopped: ${describe(error)}`);
    });
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    this.currentState = 'stopped';
  }

  /** Resolves once the projection has applied everything up to `position` (read-your-writes). */
  waitFor(position: bigint, timeoutMs = 5000): Promise<boolean> {
    if (this.checkpoint >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push({ position, resolve: done });
    });
  }

  private async run(signal: AbortSignal, rebuildFirst: boolean): Promise<void> {
    if (rebuildFirst) await this.rebuild(signal);
    while (!signal.aborted) {
      if (this.currentState === 'paused') {
        await delay(this.options.pausedPollMs ?? 5000, signal);
        if (!signal.aborted) await this.reload();
        continue;
      }
      try {
        await this.consume(signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof CheckpointMovedError) {
          this.stats.checkpointMoves++;
          this.logger.warn(`${error.message} (a rebuild swapped, or another runner wrote); resuming from there`);
        } else {
          this.stats.failures++;
          this.failuresInARow++;
          const wait = this.retryDelay();
          this.logger.error(`batch failed, retrying from checkpoint ${this.checkpoint} in ${wait} ms: ${describe(error)}`);
          await delay(wait, signal);
          if (signal.aborted) return;
        }
        await this.reload();
      }
    }
  }

  private retryDelay(): number {
    const first = this.options.retryDelayMs ?? 500;
    const max = this.options.maxRetryDelayMs ?? 30000;
    return Math.min(max, first * 2 ** Math.min(this.failuresInARow - 1, 20));
  }

  /** Rebuilds the table for this version, retrying until done (or until someone else did it). */
  private async rebuild(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        const current = await this.loadCheckpoint();
        if (current.version === this.projection.version) {
          this.checkpoint = current.position;
          break;
        }
        this.currentState = 'rebuilding';
        this.logger.log(`version ${current.version} → ${this.projection.version}: rebuilding from the log; readers keep the old table meanwhile`);
        const result = await rebuildProjection(this.projection, this.pool, this.eventStore, {
          logger: this.logger,
          ...this.options.rebuild,
          signal,
        });
        this.stats.rebuilds++;
        this.checkpoint = result.position;
        this.logger.log(
          `rebuilt: ${result.events} events in ${result.seconds.toFixed(1)} s (${Math.round(result.eventsPerSecond)}/s), swapped in at ${result.position}`,
        );
        break;
      } catch (error) {
        if (signal.aborted) return;
        const wait = Math.min(this.options.maxRetryDelayMs ?? 30000, (this.options.retryDelayMs ?? 500) * 2 ** Math.min(attempt - 1, 20));
        if (error instanceof RebuildInProgressError) this.logger.warn(`${error.message}; looking again in ${wait} ms`);
        else this.logger.error(`rebuild failed, retrying in ${wait} ms: ${describe(error)}`);
        await delay(wait, signal);
      }
    }
    if (signal.aborted) return;
    this.currentState = 'following';
    this.releaseWaiters();
  }

  /** After a failure or a moved checkpoint: where the table now stands, and whether it is still ours. */
  private async reload(): Promise<void> {
    let current: Checkpoint;
    try {
      current = await this.loadCheckpoint();
    } catch (error) {
      this.logger.error(`could not read the checkpoint: ${describe(error)}`);
      return;
    }
    if (current.version !== this.projection.version) {
      if (this.currentState !== 'paused') {
        this.logger.warn(
          `the table now holds version ${current.version} (this process runs ${this.projection.version}); ` +
            `not writing it until the versions agree (npm run projections:rebuild ${this.projection.name})`,
        );
      }
      this.currentState = 'paused';
      return;
    }
    this.currentState = 'following';
    this.checkpoint = current.position;
    this.releaseWaiters();
  }

  /**
   * The checkpoint, created on first start. The table is (re)created only when it matches this
   * version: an older version's table may lack this version's columns, and is replaced by a rebuild.
   */
  private async loadCheckpoint(): Promise<Checkpoint> {
    return withTransaction(this.pool, async (client) => {
      await lockProjection(client, this.projection.name);
      let checkpoint = await readCheckpoint(client, this.projection.name);
      if (!checkpoint) {
        // A table without a checkpoint holds who knows what: rebuild it.
        const version = (await tableExists(client, this.projection.table.name)) ? UNKNOWN_VERSION : this.projection.version;
        checkpoint = { position: -1n, version };
        await writeCheckpoint(client, this.projection.name, checkpoint);
      }
      if (checkpoint.version === this.projection.version) await this.sql.create(client);
      return checkpoint;
    });
  }

  private async consume(signal: AbortSignal): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    // Its own signal, so the subscription stops with this attempt, not only with the runner.
    const attempt = new AbortController();
    const stopAttempt = () => attempt.abort();
    signal.addEventListener('abort', stopAttempt, { once: true });
    const events = this.eventStore.subscribe({ after: this.checkpoint, signal: attempt.signal })[Symbol.asyncIterator]();
    let pending = events.next();
    try {
      while (!signal.aborted) {
        const first = await pending;
        if (first.done) return;
        pending = events.next();
        const batch: RecordedEvent[] = [first.value];
        // Take what is already available without waiting, up to the batch size.
        while (batch.length < batchSize) {
          const next = await Promise.race([pending, immediate()]);
          if (next === IDLE) break;
          if (next.done) break;
          batch.push(next.value);
          pending = events.next();
        }
        await this.applyBatch(batch);
      }
    } finally {
      signal.removeEventListener('abort', stopAttempt);
      attempt.abort();
      // The read in flight may still fail after this attempt is over; that must not crash the process.
      pending.catch(() => undefined);
      void Promise.resolve(events.return?.()).catch(() => undefined);
    }
  }

  private async applyBatch(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1].position;
    await withTransaction(this.pool, async (client) => {
      await lockProjection(client, this.projection.name);
      const expected = { position: this.checkpoint, version: this.projection.version };
      const found = await readCheckpoint(client, this.projection.name, true);
      if (!found || found.position !== expected.position || found.version !== expected.version) {
        throw new CheckpointMovedError(this.projection.name, expected, found);
      }
      const workspace = new DocumentWorkspace(this.projection, this.loaderFor(client));
      await workspace.apply(batch);
      const { saved, deleted } = workspace.changes();
      await this.sql.save(client, saved);
      await this.sql.delete(client, deleted);
      await client.query('UPDATE projection_checkpoints SET position = $2, updated_at = now() WHERE name = $1', [
        this.projection.name,
        last.toString(),
      ]);
    });
    this.checkpoint = last;
    this.failuresInARow = 0;
    this.stats.batches++;
    this.stats.events += batch.length;
    this.releaseWaiters();
  }

  private loaderFor(client: PoolClient): DocumentLoader<Doc> {
    return {
      byKeys: (keys) => this.sql.loadByKeys(client, keys),
      byColumn: (column, value) => this.sql.loadByColumn(client, column, value),
    };
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((w) => w.position <= this.checkpoint);
    this.waiters = this.waiters.filter((w) => w.position > this.checkpoint);
    for (const w of ready) w.resolve();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const IDLE = Symbol('idle');
const immediate = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));
const delay = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
