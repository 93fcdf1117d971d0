import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../database/transaction';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection, ProjectedDocument } from './document-projection';
import { DocumentTableSql } from './document-table-sql';
import { DocumentLoader, DocumentWorkspace } from './document-workspace';

export interface ProjectionRunnerOptions {
  /** Events per transaction. */
  batchSize?: number;
}

class CheckpointMovedError extends Error {}

/**
 * Runs one document projection live: a catch-up subscription from its checkpoint, events applied in
 * order in batches, each batch one transaction that writes the documents and compare-and-sets the
 * checkpoint. A crash mid-batch loses the whole batch, which is read again from the checkpoint.
 */
export class ProjectionRunner<Doc extends ProjectedDocument> {
  private readonly logger: Logger;
  private readonly sql: DocumentTableSql<Doc>;
  private checkpoint = -1n;
  private abort?: AbortController;
  private loop?: Promise<void>;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];

  constructor(
    readonly projection: DocumentProjection<Doc>,
    private readonly pool: Pool,
    private readonly eventStore: EventStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.logger = new Logger(`Projection:${projection.name}`);
    this.sql = new DocumentTableSql(projection.table);
  }

  get position(): bigint {
    return this.checkpoint;
  }

  /** Reads (or creates) the checkpoint and starts following the log in the background. */
  async start(): Promise<void> {
    this.checkpoint = await this.loadCheckpoint();
    this.abort = new AbortController();
    this.loop = this.follow(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
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

  private async loadCheckpoint(): Promise<bigint> {
    return withTransaction(this.pool, async (client) => {
      await this.sql.create(client);
      await client.query(
        `INSERT INTO projection_checkpoints (name, version, position) VALUES ($1, $2, -1) ON CONFLICT (name) DO NOTHING`,
        [this.projection.name, this.projection.version],
      );
      const { rows } = await client.query<{ position: string }>(
        'SELECT position FROM projection_checkpoints WHERE name = $1',
        [this.projection.name],
      );
      return BigInt(rows[0].position);
    });
  }

  private async follow(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.consume(signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof CheckpointMovedError) {
          this.logger.warn('checkpoint moved by another runner or a rebuild; resuming from it');
        } else {
          this.logger.error({ err: error }, 'projection failed; retrying from the checkpoint');
          await delay(1000, signal);
        }
        this.checkpoint = await this.loadCheckpoint().catch(() => this.checkpoint);
      }
    }
  }

  private async consume(signal: AbortSignal): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const events = this.eventStore.subscribe({ after: this.checkpoint, signal })[Symbol.asyncIterator]();
    let pending = events.next();
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
  }

  private async applyBatch(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1].position;
    await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ position: string }>(
        'SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE',
        [this.projection.name],
      );
      if (BigInt(rows[0].position) !== this.checkpoint) throw new CheckpointMovedError();
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

const IDLE = Symbol('idle');
const immediate = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));
const delay = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
