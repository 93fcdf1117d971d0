import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, LoggerService } from '@nestjs/common';
import { Pool, PoolClient, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource, poolOf } from '../../src/database/data-source';
import { EmbeddedPostgres } from '../../src/database/embedded/embedded-postgres';
import { NewEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { ProjectionsService } from '../../src/projections/projections.service';
import { rebuildProjection } from '../../src/projections/rebuild/projection-rebuild';
import { DocumentProjection, ProjectedDocument } from '../../src/projections/runner/document-projection';
import { DocumentWorkspace } from '../../src/projections/runner/document-workspace';
import { ProjectionRunner, ProjectionRunnerOptions } from '../../src/projections/runner/projection-runner';
import { createTestDatabase, databaseKinds, TestDatabase } from '../support/test-databases';

/** The test's own read model: per stream, how many events it has and the revisions in the order applied. */
interface StreamCount extends ProjectedDocument {
  streamId: string;
  count: number;
  /** Revision of the last event applied; with `count` it shows each event applied once and in order. */
  lastRevision: string;
  inOrder: boolean;
  weight?: number;
}

const TABLE = 'rm_test_stream_counts';

function streamCounts(
  options: { version?: number; weight?: number; failOnce?: Set<bigint> } = {},
): DocumentProjection<StreamCount> {
  const weight = options.weight ?? 1;
  const columns: DocumentProjection<StreamCount>['table']['columns'] = {
    stream_id: { sqlType: 'text', indexed: true, value: (d) => d.streamId },
    count: { sqlType: 'integer', value: (d) => d.count },
  };
  // Version 2 has a column version 1's table lacks: only a rebuild can bring it in.
  if (weight !== 1) columns.weight = { sqlType: 'integer', indexed: true, value: (d) => d.weight ?? null };
  return {
    name: 'test_stream_counts',
    version: options.version ?? 1,
    table: { name: TABLE, columns },
    select: (e) => (e.type === 'Ignored' ? undefined : { key: e.streamId }),
    evolve: (doc, e) => {
      if (options.failOnce?.delete(e.position)) throw new Error(`simulated failure at ${e.position}`);
      return {
        position: e.position.toString(),
        streamId: e.streamId,
        count: (doc?.count ?? 0) + weight,
        lastRevision: e.revision.toString(),
        inOrder: (doc?.inOrder ?? true) && e.revision === BigInt((doc?.count ?? 0) / weight),
        ...(weight !== 1 ? { weight } : {}),
      };
    },
  };
}

function newEvent(type = 'Counted'): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data: { note: '按序时推进' },
    metadata: {
      actor: { id: 'test', username: 'test', displayName: '测试' },
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      recordedAt: '2021-03-31T00:00:00.000Z',
    },
  };
}

interface Storage {
  dataSource: DataSource;
  pool: Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
}

async function openStorage(kind: 'embedded' | 'postgres', url: string, poolMax: number): Promise<Storage> {
  const dataSource = createDataSource({ url, poolMax });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const store = new PostgresEventStore(poolOf(dataSource), {
    kind,
    listenConnectionString: kind === 'postgres' ? url : undefined,
    pollIntervalMs: 50,
  });
  await store.start();
  return {
    dataSource,
    pool: poolOf(dataSource),
    store,
    async close() {
      await store.close();
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    },
  };
}

/** Appends `perStream` events to each of `streams` streams (plus one event the projection ignores). */
async function appendEvents(storage: Storage, streams: number, perStream: number, prefix = 'counter'): Promise<void> {
  for (let s = 0; s < streams; s++) {
    await storage.store.append(
      `${prefix}-${s}`,
      Array.from({ length: perStream }, () => newEvent()),
      'any',
    );
  }
  await storage.store.append(`ignored-${randomUUID()}`, [newEvent('Ignored')], 'no_stream');
}

/** Every event of the log, folded from scratch in memory by the same pure `evolve`. */
async function foldFromScratch(
  storage: Storage,
  projection: DocumentProjection<StreamCount>,
): Promise<Map<string, StreamCount>> {
  const workspace = new DocumentWorkspace(projection);
  for (let after = -1n; ;) {
    const page = await storage.store.readLog({ after, limit: 5000 });
    if (page.length === 0) break;
    await workspace.apply(page);
    after = page[page.length - 1].position;
  }
  return new Map(workspace.all().map((d) => [d.streamId, d]));
}

/** Per stream: how many events the log holds and the last revision. */
async function logCounts(storage: Storage): Promise<Map<string, { count: number; lastRevision: string }>> {
  const rows = await storage.dataSource.query<Array<{ stream_id: string; n: string; last: string }>>(
    `SELECT stream_id, count(*) AS n, max(revision) AS last FROM es_events WHERE type <> 'Ignored' GROUP BY stream_id`,
  );
  return new Map(rows.map((r) => [r.stream_id, { count: Number(r.n), lastRevision: r.last }]));
}

async function tableDocs(storage: Storage): Promise<Map<string, StreamCount>> {
  const rows = await storage.dataSource.query<
    Array<{ key: string; position: string; count: number; doc: StreamCount }>
  >(`SELECT key, position, count, doc FROM ${TABLE} ORDER BY key`);
  for (const r of rows) {
    // The extra columns and the key column agree with the document.
    expect(r.count).toBe(r.doc.count);
    expect(r.position).toBe(r.doc.position);
  }
  return new Map(rows.map((r) => [r.key, r.doc]));
}

/** The table holds exactly one count per event of the log: nothing lost, nothing applied twice, all in order. */
async function expectTableMatchesLog(storage: Storage, weight = 1): Promise<void> {
  const expected = await logCounts(storage);
  const docs = await tableDocs(storage);
  expect([...docs.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [stream, { count, lastRevision }] of expected) {
    const doc = docs.get(stream)!;
    expect({ stream, count: doc.count, lastRevision: doc.lastRevision, inOrder: doc.inOrder }).toEqual({
      stream,
      count: count * weight,
      lastRevision,
      inOrder: true,
    });
  }
}

async function checkpoint(storage: Storage): Promise<{ position: string; version: number }> {
  const rows = await storage.dataSource.query<Array<{ position: string; version: number }>>(
    `SELECT position, version FROM projection_checkpoints WHERE name = 'test_stream_counts'`,
  );
  return rows[0];
}

async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The newest position once every appended event is visible to readers. (Visibility follows the oldest
 * transaction in flight on the whole server, so other suites' transactions can hold it back a moment.)
 */
async function visibleHead(storage: Storage): Promise<bigint> {
  const [{ max }] = await storage.dataSource.query<Array<{ max: string | null }>>(
    'SELECT max(position) AS max FROM es_events',
  );
  const last = max === null ? 0n : BigInt(max);
  await waitUntil(`position ${last} to be visible`, async () => (await storage.store.headPosition()) >= last);
  return last;
}

async function caughtUp(runner: ProjectionRunner<StreamCount>, storage: Storage): Promise<void> {
  const head = await visibleHead(storage);
  await waitUntil(
    `${runner.projection.name} at ${head}`,
    () => runner.state === 'following' && runner.position >= head,
  );
}

/**
 * A pool whose clients, once armed, stop before the next document load: the runner is then inside an
 * open batch transaction (lock taken, checkpoint row locked), as if the process froze mid-batch.
 */
function freezingPool(real: Pool) {
  let armed = false;
  let reached!: (pid: number) => void;
  const frozen = new Promise<number>((resolve) => (reached = resolve));
  let thaw!: () => void;
  const thawed = new Promise<void>((resolve) => (thaw = resolve));
  const wrap = (client: PoolClient): PoolClient =>
    new Proxy(client, {
      get(target, property) {
        if (property === 'query') {
          return async (config: string | QueryConfig, values?: unknown[]) => {
            const text = typeof config === 'string' ? config : config.text;
            if (armed && text.startsWith(`SELECT key, doc FROM ${TABLE} WHERE key`)) {
              armed = false;
              const { rows } = await target.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
              reached(rows[0].pid);
              await thawed;
            }
            return target.query(config, values);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const pool = {
    options: real.options,
    connect: async () => wrap(await real.connect()),
    query: real.query.bind(real),
  } as unknown as Pool;
  return {
    pool,
    arm: () => (armed = true),
    frozen,
    thaw,
  };
}

class CapturingLogger implements LoggerService {
  readonly lines: Array<{ level: string; message: string }> = [];
  log = (message: unknown) => this.push('log', message);
  error = (message: unknown) => this.push('error', message);
  warn = (message: unknown) => this.push('warn', message);
  debug = () => undefined;
  verbose = () => undefined;
  private push(level: string, message: unknown) {
    this.lines.push({ level, message: String(message) });
  }
  messages(level: string): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}

const FAST: ProjectionRunnerOptions = { batchSize: 50, retryDelayMs: 10, maxRetryDelayMs: 50, pausedPollMs: 50 };

describe.each(databaseKinds())('projection runner on %s', (kind) => {
  let db: TestDatabase;
  let storage: Storage;
  let logs: CapturingLogger;
  const runners: ProjectionRunner<StreamCount>[] = [];

  const runner = (
    projection: DocumentProjection<StreamCount>,
    options: ProjectionRunnerOptions = FAST,
    pool = storage.pool,
  ) => {
    const r = new ProjectionRunner(projection, pool, storage.store, options);
    runners.push(r);
    return r;
  };

  beforeEach(async () => {
    logs = new CapturingLogger();
    Logger.overrideLogger(logs);
    db = await createTestDatabase(kind);
    storage = await openStorage(kind, db.url, db.poolMax);
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await storage.close();
    await db.drop();
    Logger.overrideLogger(false);
  });

  it('retries a batch whose evolve throws from the checkpoint: every event applied exactly once', async () => {
    await appendEvents(storage, 20, 15);
    await visibleHead(storage);
    const log = await storage.store.readLog({ after: -1n, limit: 10000 });
    const failAt = log[137].position;
    const projection = streamCounts({ failOnce: new Set([failAt]) });
    const r = runner(projection);
    await r.start();
    await caughtUp(r, storage);

    await expectTableMatchesLog(storage);
    expect(r.stats.failures).toBe(1);
    expect((await checkpoint(storage)).position).toBe((await visibleHead(storage)).toString());
    // The log names the projection, the event and the document; the process lived on.
    const error = logs.messages('error').find((m) => m.includes('batch failed'));
    expect(error).toContain(`evolve failed on Counted at position ${failAt}`);
    expect(error).toContain(`document '${log[137].streamId}'`);
  });

  it('replays events already applied without changing anything', async () => {
    await appendEvents(storage, 30, 10);
    const first = runner(streamCounts());
    await first.start();
    await caughtUp(first, storage);
    const before = await tableDocs(storage);
    await first.stop();

    // The checkpoint is lost (or restored from an old backup): the whole log comes again.
    await storage.dataSource.query(`UPDATE projection_checkpoints SET position = -1 WHERE name = 'test_stream_counts'`);
    const second = runner(streamCounts());
    await second.start();
    await caughtUp(second, storage);

    const logLength = (await storage.store.readLog({ after: -1n, limit: 10000 })).length;
    expect(second.stats.events).toBe(logLength);
    expect(await tableDocs(storage)).toEqual(before);
    await expectTableMatchesLog(storage);

    // And an in-memory workspace given the same events twice ends where it would with them once.
    const events = await storage.store.readLog({ after: -1n, limit: 10000 });
    const twice = new DocumentWorkspace(streamCounts());
    await twice.apply(events);
    await twice.apply(events);
    await twice.apply(events.slice(100, 200));
    expect(new Map(twice.all().map((d) => [d.streamId, d]))).toEqual(await foldFromScratch(storage, streamCounts()));
  });

  it('rebuilds into a fresh table and swaps it in while a live runner follows and writes keep coming', async () => {
    await appendEvents(storage, 40, 25);
    const projection = streamCounts();
    const live = runner(projection);
    await live.start();
    await caughtUp(live, storage);
    const [{ oid: oldTable }] = await storage.dataSource.query<Array<{ oid: number }>>(
      `SELECT '${TABLE}'::regclass::oid AS oid`,
    );

    let writesDuringRebuild = 0;
    const result = await rebuildProjection(projection, storage.pool, storage.store, {
      pageSize: 200,
      flushEvents: 300,
      onProgress: async ({ events }) => {
        // Writes keep coming, and readers keep reading the old table, which the live runner keeps current.
        await appendEvents(storage, 5, 3, 'during');
        // Visible before the rebuild reads on: a long transaction elsewhere on the server holds visibility back.
        await visibleHead(storage);
        writesDuringRebuild += 16;
        const [{ n }] = await storage.dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${TABLE}`);
        expect(Number(n)).toBeGreaterThan(0);
        expect(events).toBeGreaterThan(0);
      },
    });
    expect(writesDuringRebuild).toBeGreaterThanOrEqual(16 * 3);

    await appendEvents(storage, 3, 2, 'after');
    await caughtUp(live, storage);

    const [{ oid: newTable }] = await storage.dataSource.query<Array<{ oid: number }>>(
      `SELECT '${TABLE}'::regclass::oid AS oid`,
    );
    expect(newTable).not.toBe(oldTable);
    expect(result.events).toBeGreaterThanOrEqual(40 * 25 + 1 + writesDuringRebuild);
    expect(await tableDocs(storage)).toEqual(await foldFromScratch(storage, projection));
    await expectTableMatchesLog(storage);
    expect(await checkpoint(storage)).toEqual({ position: (await visibleHead(storage)).toString(), version: 1 });
    // The swapped-in table has its indexes under the live names, and no rebuild table is left.
    const indexes = await storage.dataSource.query<Array<{ indexname: string }>>(
      `SELECT indexname FROM pg_indexes WHERE tablename LIKE 'rm_test_stream_counts%' ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual([`${TABLE}_pkey`, `${TABLE}_stream_id`]);
    expect(live.state).toBe('following');
  });

  it('rebuilds the same documents whether it keeps them in memory between writes or reads them back', async () => {
    // Every stream is touched again in each round: documents written, forgotten and read back.
    for (let round = 0; round < 4; round++) await appendEvents(storage, 20, 3, 'counter');
    const projection = streamCounts();
    for (const memoryBudget of [0, 300, undefined]) {
      await rebuildProjection(projection, storage.pool, storage.store, { pageSize: 30, flushEvents: 25, memoryBudget });
      expect(await tableDocs(storage)).toEqual(await foldFromScratch(storage, projection));
    }
    await expectTableMatchesLog(storage);
  });

  it('leaves out an event whose document cannot be written, as one evolve cannot apply', async () => {
    await appendEvents(storage, 6, 4, 'counter');
    const log = await storage.store.readLog({ after: -1n, limit: 1000 });
    const at = (stream: string, revision: bigint) =>
      log.find((e) => e.streamId === stream && e.revision === revision)!.position;
    // The last events of their streams: their documents are the ones a write sends.
    const unwritable = [at('counter-1', 3n), at('counter-5', 3n)];
    const unappliable = at('counter-3', 2n);
    const counts = streamCounts();
    const projection: DocumentProjection<StreamCount> = {
      ...counts,
      evolve: (doc, e, key) => {
        if (e.position === unappliable) throw new Error(`cannot apply ${e.position}`);
        const next = counts.evolve(doc, e, key);
        // JSON has no bigint: the write of such a document fails.
        return next && unwritable.includes(e.position) ? { ...next, weight: 1n as unknown as number } : next;
      },
    };
    const result = await rebuildProjection(projection, storage.pool, storage.store, { pageSize: 7, flushEvents: 5 });
    expect(result.quarantined).toBe(3);
    const counted = new Map([...(await tableDocs(storage))].map(([key, doc]) => [key, doc.count]));
    expect(counted).toEqual(
      new Map([
        ['counter-0', 4],
        ['counter-1', 3],
        ['counter-2', 4],
        ['counter-3', 3],
        ['counter-4', 4],
        ['counter-5', 3],
      ]),
    );
  });

  it('rebuilds itself when the projection version changes, serving the old table meanwhile', async () => {
    await appendEvents(storage, 25, 12);
    const v1 = runner(streamCounts({ version: 1 }));
    await v1.start();
    await caughtUp(v1, storage);
    await v1.stop();
    await appendEvents(storage, 5, 4, 'while-down');

    const oldTableDuringRebuild: number[] = [];
    const v2 = runner(streamCounts({ version: 2, weight: 10 }), {
      ...FAST,
      rebuild: {
        pageSize: 100,
        flushEvents: 100,
        onProgress: async () => {
          const rows = await storage.dataSource.query<Array<{ count: number }>>(`SELECT count FROM ${TABLE}`);
          oldTableDuringRebuild.push(...rows.map((r) => r.count));
        },
      },
    });
    await v2.start();
    expect(v2.state).toBe('rebuilding');
    await caughtUp(v2, storage);

    // During the rebuild readers saw version 1's table (counts of 1 per event, at most 12 per stream).
    expect(oldTableDuringRebuild.length).toBeGreaterThan(0);
    expect(Math.max(...oldTableDuringRebuild)).toBe(12);
    expect(v2.stats.rebuilds).toBe(1);
    expect(await checkpoint(storage)).toEqual({ position: (await visibleHead(storage)).toString(), version: 2 });
    await expectTableMatchesLog(storage, 10);

    // Then it follows live with the new logic.
    await appendEvents(storage, 2, 3, 'after');
    await caughtUp(v2, storage);
    await expectTableMatchesLog(storage, 10);
    const [{ n }] = await storage.dataSource.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM ${TABLE} WHERE weight = 10`,
    );
    expect(Number(n)).toBe((await logCounts(storage)).size);
  });

  it('stops writing when another process swaps in a table of another version', async () => {
    await appendEvents(storage, 10, 5);
    const v1 = runner(streamCounts({ version: 1 }));
    await v1.start();
    await caughtUp(v1, storage);

    // A newer deployment (or its CLI) rebuilds with version 2 while this version 1 runner is live.
    const v2 = streamCounts({ version: 2, weight: 10 });
    await rebuildProjection(v2, storage.pool, storage.store);
    await appendEvents(storage, 3, 2, 'after-swap');
    const head = await visibleHead(storage);
    await waitUntil('the version 1 runner to notice', () => v1.state === 'paused');

    expect(v1.stats.checkpointMoves).toBe(1);
    expect(v1.position).toBeLessThan(head);
    expect((await checkpoint(storage)).version).toBe(2);
    expect(logs.messages('warn').some((m) => m.includes('now holds version 2 (this process runs 1)'))).toBe(true);

    // A version 2 runner takes over from the swapped-in checkpoint; version 1 wrote nothing meanwhile.
    const follower = runner(v2);
    await follower.start();
    await caughtUp(follower, storage);
    expect(follower.stats.rebuilds).toBe(0);
    await expectTableMatchesLog(storage, 10);
    expect(v1.state).toBe('paused');
  });

  it('passes events it ignores without a transaction: waiters released from memory, the checkpoint written lazily', async () => {
    const appendIgnored = async (n: number) => {
      for (let i = 0; i < n; i++)
        await storage.store.append(`ignored-${randomUUID()}`, [newEvent('Ignored')], 'no_stream');
      return visibleHead(storage);
    };
    await appendEvents(storage, 5, 2);
    // A lazy write far away: every checkpoint write below comes from a batch applied or from the stop.
    const r = runner(streamCounts(), { ...FAST, lazyCheckpointMs: 600_000 });
    await r.start();
    expect(await r.waitFor(await visibleHead(storage), 30000)).toBe(true);
    const written = await checkpoint(storage);
    const writes = r.stats.checkpointWrites;

    const ignoredHead = await appendIgnored(20);
    expect(await r.waitFor(ignoredHead, 30000)).toBe(true);
    expect(r.appliedPosition).toBe(ignoredHead);
    expect(r.health().position).toBe(ignoredHead);
    expect(await checkpoint(storage)).toEqual(written);
    expect(r.position.toString()).toBe(written.position);
    expect(r.stats.checkpointWrites).toBe(writes);
    expect(r.stats.skipped).toBeGreaterThanOrEqual(20);

    // An event it handles moves the checkpoint past the ignored ones, in its own transaction.
    await storage.store.append('handled-0', [newEvent()], 'no_stream');
    await caughtUp(r, storage);
    expect((await checkpoint(storage)).position).toBe((await visibleHead(storage)).toString());
    await expectTableMatchesLog(storage);

    // Ignored events again, then a stop: the checkpoint is written on the way out.
    const lastHead = await appendIgnored(3);
    expect(await r.waitFor(lastHead, 30000)).toBe(true);
    expect(BigInt((await checkpoint(storage)).position)).toBeLessThan(lastHead);
    await r.stop();
    expect((await checkpoint(storage)).position).toBe(lastHead.toString());
  });

  it('reports the lag behind the head, which goes to 0', async () => {
    await appendEvents(storage, 10, 3);
    await visibleHead(storage);
    const service = new ProjectionsService(storage.dataSource, storage.store, FAST);
    service.addProjection(streamCounts());
    const [before] = await service.lag();
    expect(before).toEqual({ name: 'test_stream_counts', position: '-1', lag: String(10 * 3 + 1), state: 'stopped' });

    await service.onApplicationBootstrap();
    try {
      const head = await visibleHead(storage);
      expect(await service.waitFor(head, 30000)).toBe(true);
      expect(await service.lag()).toEqual([
        { name: 'test_stream_counts', position: head.toString(), lag: '0', state: 'following' },
      ]);

      await appendEvents(storage, 2, 2);
      const next = await visibleHead(storage);
      expect(await service.waitFor(next, 30000)).toBe(true);
      expect(await service.lag()).toEqual([
        { name: 'test_stream_counts', position: next.toString(), lag: '0', state: 'following' },
      ]);
    } finally {
      await service.onApplicationShutdown();
    }
  });

  if (kind === 'postgres') {
    it('survives its connection being terminated while a batch waits for the projection lock', async () => {
      await appendEvents(storage, 10, 10);
      const r = runner(streamCounts());
      await r.start();
      await caughtUp(r, storage);

      // Someone holds the projection's lock (as a rebuild's swap would); the next batch waits for it.
      const holder = await storage.pool.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['projection:test_stream_counts']);
      await appendEvents(storage, 5, 5, 'blocked');
      let pid = 0;
      await waitUntil('the batch to wait for the lock', async () => {
        const rows = await storage.dataSource.query<Array<{ pid: number }>>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'SELECT pg_advisory_xact_lock%'`,
        );
        pid = rows[0]?.pid ?? 0;
        return pid !== 0;
      });
      await storage.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      await waitUntil('the failure to be noticed', () => r.stats.failures > 0);
      await holder.query('COMMIT');
      holder.release();

      await caughtUp(r, storage);
      await expectTableMatchesLog(storage);
      expect(r.stats.failures).toBe(1);
      expect(logs.messages('error').some((m) => m.includes('batch failed') && m.includes('terminat'))).toBe(true);
    });

    it('loses nothing and applies nothing twice when the connection dies inside a batch transaction', async () => {
      await appendEvents(storage, 20, 10);
      // The first runner has its own pool, as another process would.
      const otherProcess = new Pool({ connectionString: db.url, max: 2 });
      otherProcess.on('error', () => undefined);
      const freezing = freezingPool(otherProcess);
      const first = runner(streamCounts(), FAST, freezing.pool);
      await first.start();
      await caughtUp(first, storage);
      const committed = (await checkpoint(storage)).position;

      // The runner restarts into a backlog and freezes inside its first batch.
      await first.stop();
      await appendEvents(storage, 10, 10, 'mid-batch');
      freezing.arm();
      await first.start();
      const pid = await freezing.frozen;
      // The process "dies": its connection is killed with the batch transaction open.
      await storage.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);

      const second = runner(streamCounts());
      await second.start();
      await caughtUp(second, storage);
      const stopping = first.stop();
      freezing.thaw();
      await stopping;
      await otherProcess.end();

      expect((await checkpoint(storage)).position).toBe((await visibleHead(storage)).toString());
      await expectTableMatchesLog(storage);
      // The restart resumed from the last committed checkpoint: exactly the events after it came again.
      const afterCommitted = await storage.store.readLog({ after: BigInt(committed), limit: 10000 });
      expect(second.stats.events).toBe(afterCommitted.length);
    });
  }
});

describe('projection runner on embedded, killed mid-batch', () => {
  it('loses nothing and applies nothing twice when the process dies inside a batch transaction', async () => {
    const logs = new CapturingLogger();
    Logger.overrideLogger(logs);
    const dir = mkdtempSync(join(tmpdir(), 'embedded-kill-'));
    let embedded = await EmbeddedPostgres.start(dir);
    let storage = await openStorage('embedded', embedded.connectionString, 1);
    try {
      await appendEvents(storage, 20, 10);
      const freezing = freezingPool(storage.pool);
      const first = new ProjectionRunner(streamCounts(), freezing.pool, storage.store, FAST);
      await first.start();
      await caughtUp(first, storage);
      const committed = (await checkpoint(storage)).position;

      // The runner restarts into a backlog and freezes inside its first batch (holding the one connection).
      await first.stop();
      await appendEvents(storage, 10, 10, 'mid-batch');
      freezing.arm();
      await first.start();
      await freezing.frozen;
      // The process "dies" with the batch transaction open: the database goes down under it.
      const stopping = first.stop();
      await storage.store.close();
      await embedded.stop();
      freezing.thaw();
      await stopping;
      await storage.close();

      embedded = await EmbeddedPostgres.start(dir);
      storage = await openStorage('embedded', embedded.connectionString, 1);
      expect((await checkpoint(storage)).position).toBe(committed);
      const second = new ProjectionRunner(streamCounts(), storage.pool, storage.store, FAST);
      await second.start();
      try {
        await caughtUp(second, storage);
      } finally {
        await second.stop();
      }
      expect((await checkpoint(storage)).position).toBe((await visibleHead(storage)).toString());
      await expectTableMatchesLog(storage);
      const afterCommitted = await storage.store.readLog({ after: BigInt(committed), limit: 10000 });
      expect(afterCommitted.length).toBe(10 * 10 + 1);
      expect(second.stats.events).toBe(afterCommitted.length);
    } finally {
      await storage.close();
      await embedded.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      Logger.overrideLogger(false);
    }
  });
});
