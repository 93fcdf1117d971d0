/**
 * npm run bench:projections — the read side at district and city scale.
 *
 * Generates district-years (50 units × 100 targets × 12 monthly reports + 10% corrections + 5%
 * adjustments, through the real target decider) up to BENCH_EVENTS events (default 1,000,000), then
 * prints: rebuild throughput of the targets projection, catch-up lag under a steady write load, and
 * p50/p95 of the dashboard and completion queries, live and "as of".
 * Uses DATABASE_URL's server (a fresh database, dropped afterwards); without it, the embedded database.
 */
import { loadavg } from 'node:os';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogQueries } from '../../src/catalog/read-model/catalog.queries';
import { plansProjection, unitsProjection } from '../../src/catalog/read-model/catalog.projections';
import { DocumentTableSql } from '../../src/projections/runner/document-table-sql';
import { CompletionService } from '../../src/completion/completion.service';
import { CompletionReadModel } from '../../src/completion/read-model/completion.read-model';
import { targetsWithCompletion } from '../../src/completion/read-model/completion.projection';
import { createDataSource, poolOf } from '../../src/database/data-source';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { rebuildProjection } from '../../src/projections/rebuild/projection-rebuild';
import { ProjectionRunner } from '../../src/projections/runner/projection-runner';
import { AsOfService } from '../../src/time-travel/as-of.service';
import { warningsProjection } from '../../src/warnings/read-model/warnings.projection';
import { WarningsRepository } from '../../src/warnings/read-model/warnings.repository';
import { TargetsRepository } from '../../src/targets/read-model/targets.repository';
import { createTestDatabase } from '../support/test-databases';
import { districtYear } from './district-year';

const TOTAL_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);

async function main() {
  // The generated years go back in time (each starts in January again): one clamp warning per event would be most of the run.
  Logger.overrideLogger(['error']);
  const kind = process.env.DATABASE_URL ? 'postgres' : 'embedded';
  const db = await createTestDatabase(kind);
  const dataSource = createDataSource({ url: db.url, poolMax: kind === 'embedded' ? 1 : 12 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const pool = poolOf(dataSource);
  const store = new PostgresEventStore(pool, { kind });
  const out: string[] = [];
  const say = (line: string) => {
    out.push(line);
    console.log(line);
  };
  try {
    const started = Date.now();
    let events = 0;
    let district = 0;
    while (events < TOTAL_EVENTS) {
      district++;
      events += await appendAll(store, districtYear(`d${district}`, 50, 100, district), kind === 'postgres' ? 8 : 1);
      process.stdout.write(`\r  generated ${events} events (${district} district-years)`);
    }
    console.log();
    // Fresh statistics, as autovacuum would have them after a load of this size.
    await pool.query('ANALYZE');
    say(
      `Projection benchmark on ${kind}: ${events} events, ${district} district-years, generated in ${((Date.now() - started) / 1000).toFixed(0)} s (peak RSS so far ${peakRssMb()} MB)`,
    );

    const rebuilds = [
      () => rebuildProjection(plansProjection, pool, store),
      () => rebuildProjection(warningsProjection, pool, store),
      // The targets as the application runs them: with the per-period completion rows.
      () => rebuildProjection(targetsWithCompletion, pool, store),
    ];
    for (const rebuild of rebuilds) {
      const result = await rebuild();
      const goal = result.name === 'targets' ? '≥ 40,000' : '≥ 20,000';
      say(
        `rebuild ${result.name.padEnd(10)} ${result.events} events in ${result.seconds.toFixed(1)} s = ${result.eventsPerSecond.toFixed(0)} events/s ${goal ? `(goal ${goal}) ` : ''}[load ${load()}, peak RSS so far ${peakRssMb()} MB]`,
      );
    }

    await measureCatchUpLag(store, pool, say);
    await measureQueries(dataSource, store, say);
  } finally {
    await store.close();
    await dataSource.destroy();
    await db.drop();
  }
  console.log('\nSummary\n' + out.join('\n'));
}

async function appendAll(
  store: PostgresEventStore,
  streams: Iterable<{ streamId: string; events: import('../../src/event-store/event-store.port').NewEvent[] }>,
  writers: number,
): Promise<number> {
  const iterator = streams[Symbol.iterator]();
  let count = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        await store.append(next.value.streamId, next.value.events, 'no_stream');
        count += next.value.events.length;
      }
    }),
  );
  return count;
}

/** A live runner follows while one writer appends a district-year's reports at a steady pace. */
async function measureCatchUpLag(store: PostgresEventStore, pool: import('pg').Pool, say: (line: string) => void) {
  const runner = new ProjectionRunner(targetsWithCompletion, pool, store);
  await runner.start();
  const head = await store.headPosition();
  while (runner.position < head) await new Promise((resolve) => setTimeout(resolve, 50));
  const latencies: number[] = [];
  const rate = 200;
  const until = Date.now() + 10_000;
  let n = 0;
  for (const stream of districtYear('lag', 10, 20, 99)) {
    if (Date.now() > until) break;
    const appendedAt = Date.now();
    const { position } = await store.append(stream.streamId, stream.events, 'no_stream');
    n += stream.events.length;
    void runner.waitFor(position, 30_000).then(() => latencies.push(Date.now() - appendedAt));
    const ahead = appendedAt + (stream.events.length * 1000) / rate - Date.now();
    if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
  }
  await runner.waitFor(await store.headPosition(), 30_000);
  await runner.stop();
  latencies.sort((a, b) => a - b);
  say(
    `catch-up lag at ~${rate} events/s for 10 s (${n} events): p50 ${pct(latencies, 0.5)} ms, p95 ${pct(latencies, 0.95)} ms, max ${latencies[latencies.length - 1]} ms from append to projected`,
  );
}

async function measureQueries(dataSource: DataSource, store: PostgresEventStore, say: (line: string) => void) {
  // The generated log has no units: the catalog's table is there, empty (names beside codes are then null).
  for (const statement of new DocumentTableSql(unitsProjection.table).createStatements())
    await dataSource.query(statement);
  const service = new CompletionService(
    new TargetsRepository(dataSource),
    new WarningsRepository(dataSource),
    new AsOfService(store, dataSource),
    new CatalogQueries(dataSource),
    new CompletionReadModel(dataSource),
  );
  const head = (await store.headPosition()).toString();
  await time('dashboard, live', SAMPLES, () => service.dashboard('d1'), say, 'p95 ≤ 50 ms');
  await time(
    'completion for a period (5,000 rows), live',
    SAMPLES,
    () => service.completion({ planCode: 'd1', period: '2021-06' }),
    say,
    'p50 ≤ 100 ms',
  );
  // The first as-of call of each folds the district-year from the log and stores its snapshots (timed apart).
  const firstStarted = Date.now();
  await service.dashboard('d1', head);
  say(
    `dashboard as of the head, first call (folds and stores snapshots): ${Date.now() - firstStarted} ms [load ${load()}]`,
  );
  await time(
    'dashboard as of the head (one district-year)',
    Math.min(SAMPLES, 8),
    () => service.dashboard('d1', head),
    say,
    'p50 ≤ 300 ms',
  );
  await time(
    'completion as of 2021-07-01 (time)',
    Math.min(SAMPLES, 8),
    () => service.completion({ planCode: 'd1', asOf: '2021-07-01T00:00:00Z' }),
    say,
    'p50 ≤ 300 ms',
  );
  await time(
    'completion as of 2021-09-20 (time, mid-month)',
    Math.min(SAMPLES, 8),
    () => service.completion({ planCode: 'd1', asOf: '2021-09-20T00:00:00Z' }),
    say,
    'p50 ≤ 300 ms',
  );
  const cold = new CompletionService(
    new TargetsRepository(dataSource),
    new WarningsRepository(dataSource),
    new AsOfService(store, dataSource),
    new CatalogQueries(dataSource),
    new CompletionReadModel(dataSource),
  );
  const coldStarted = Date.now();
  await cold.dashboard('d1', head);
  say(
    `dashboard as of the head from a stored snapshot, nothing in memory: ${Date.now() - coldStarted} ms [load ${load()}]`,
  );
}

async function time(
  name: string,
  samples: number,
  run: () => Promise<unknown>,
  say: (line: string) => void,
  goal = '',
) {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    await run();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  say(
    `${name.padEnd(52)} p50 ${pct(ms, 0.5).toFixed(1)} ms, p95 ${pct(ms, 0.95).toFixed(1)} ms ${goal ? `(goal ${goal}) ` : ''}[load ${load()}]`,
  );
}

/** The process's peak resident memory until now (maxRSS is in KiB). */
const peakRssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
