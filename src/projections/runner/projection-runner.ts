import { Pool, PoolClient } from 'pg';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { Follower, FollowerRebuildResult } from '../follower/follower';
import { FollowerRunner, FollowerRunnerOptions } from '../follower/follower-runner';
import { Leadership, SOLE_LEADERSHIP } from '../follower/leadership';
import { LogFeed } from '../follower/log-feed';
import { rebuildProjection, RebuildOptions } from '../rebuild/projection-rebuild';
import { tableExists } from './checkpoints';
import { DocumentProjection, ProjectedDocument } from './document-projection';
import { DocumentTableSql } from './document-table-sql';
import { DocumentWorkspace } from './document-workspace';

export interface ProjectionRunnerOptions extends FollowerRunnerOptions {
  /** Settings of the rebuild a version change starts. */
  rebuild?: Omit<RebuildOptions, 'signal'>;
}

export type DocumentListener<Doc> = (event: RecordedEvent, key: string, doc: Doc | null) => void;

/** A document projection as a follower: its batches fold documents and save them in the checkpoint's transaction. */
export class DocumentProjectionFollower<Doc extends ProjectedDocument> implements Follower {
  readonly mode = 'transactional';
  readonly role = 'readModel';
  private readonly sql: DocumentTableSql<Doc>;
  private readonly listeners: Array<DocumentListener<Doc>> = [];

  constructor(
    readonly projection: DocumentProjection<Doc>,
    private readonly pool: Pool,
    private readonly eventStore: EventStore,
    private readonly rebuildOptions: Omit<RebuildOptions, 'signal'> = {},
  ) {
    this.sql = new DocumentTableSql(projection.table, projection.table.name, projection.derived);
  }

  get name(): string {
    return this.projection.name;
  }

  get version(): number {
    return this.projection.version;
  }

  /** The table is (re)created only when it matches this version: an older one may lack this version's columns. */
  async prepare(client: PoolClient): Promise<void> {
    await this.sql.create(client);
  }

  hasOrphanState(client: PoolClient): Promise<boolean> {
    return tableExists(client, this.projection.table.name);
  }

  /**
   * The projection selects a document for the event (cheap: it looks at the type and the stream). An
   * event `select` cannot read counts as handled: applying it fails as before and quarantines it.
   */
  handles(event: RecordedEvent): boolean {
    try {
      return this.projection.select(event) !== undefined;
    } catch {
      return true;
    }
  }

  async apply(batch: readonly RecordedEvent[], client: PoolClient | undefined): Promise<void> {
    if (!client) throw new Error(`${this.name}: a transactional follower applies inside the checkpoint's transaction`);
    const onEvolved = this.listeners.length
      ? (event: RecordedEvent, key: string, doc: Doc | null) => this.listeners.forEach((l) => l(event, key, doc))
      : undefined;
    const workspace = new DocumentWorkspace(
      this.projection,
      {
        byKeys: (keys) => this.sql.loadByKeys(client, keys),
        byColumn: (column, value) => this.sql.loadByColumn(client, column, value),
      },
      { ...(onEvolved ? { onEvolved } : {}) },
    );
    await workspace.apply(batch);
    const { saved, deleted } = workspace.changes();
    await this.sql.save(client, saved);
    await this.sql.delete(client, deleted);
  }

  /**
   * Tells `listener` the document each live event produced, as the batch computes it (before its
   * commit: evolve is pure, so a batch retried after a rollback produces the same documents). A
   * reactor reacts to what the projection computed instead of folding the stream again.
   */
  observe(listener: DocumentListener<Doc>): void {
    this.listeners.push(listener);
  }

  rebuild(signal: AbortSignal): Promise<FollowerRebuildResult> {
    return rebuildProjection(this.projection, this.pool, this.eventStore, { ...this.rebuildOptions, signal });
  }
}

/**
 * Runs one document projection live (see FollowerRunner). Given no feed, it reads the log through a
 * feed of its own (tests, benchmarks); the application shares one feed among all followers.
 */
export class ProjectionRunner<Doc extends ProjectedDocument> extends FollowerRunner {
  private readonly ownFeed?: LogFeed;

  constructor(
    readonly projection: DocumentProjection<Doc>,
    pool: Pool,
    eventStore: EventStore,
    options: ProjectionRunnerOptions = {},
    feed?: LogFeed,
    leadership: Leadership = SOLE_LEADERSHIP,
  ) {
    const own = feed ? undefined : new LogFeed(eventStore);
    super(
      new DocumentProjectionFollower(projection, pool, eventStore, options.rebuild),
      pool,
      feed ?? own!,
      options,
      leadership,
    );
    this.ownFeed = own;
  }

  override async start(): Promise<void> {
    await this.ownFeed?.start();
    await super.start();
  }

  override async stop(): Promise<void> {
    await super.stop();
    await this.ownFeed?.stop();
  }
}
