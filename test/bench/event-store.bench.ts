/**
 * npm run bench:eventstore — event store throughput against plain INSERT baselines on the same server.
 * Uses DATABASE_URL's server (a fresh database, dropped afterwards); without it, the embedded database.
 */
import { loadavg } from 'node:os';
import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { createDataSource, poolOf } from '../../src/database/data-source';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { createTestDatabase } from '../support/test-databases';
import { benchEvent, Measurement, measureFor, measureOnce, perSecond, printTable } from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CATCH_UP_EVENTS = Number(process.env.BENCH_CATCH_UP_EVENTS ?? 100_000);
const SLICES = Number(process.env.BENCH_SLICES ?? 5);

interface Workload {
  name: string;
  writers: number;
  op: (writer: number) => Promise<number>;
}

/**
 * Every workload in turn for `seconds / slices`, `slices` rounds, each adding up its slices. Measured one
 * after another, a measurement and its baseline may meet different loads on a shared machine; taking turns
 * they meet the same drift, so their ratio means more than either figure.
 */
async function measureInTurns(slices: number, seconds: number, workloads: Workload[]): Promise<Measurement[]> {
  const totals = workloads.map(({ name }) => ({ name, count: 0, seconds: 0 }));
  for (let slice = 0; slice < slices; slice++) {
    for (const [k, { name, writers, op }] of workloads.entries()) {
      const part = await measureFor(name, seconds / slices, writers, (writer) => op(writer));
      totals[k].count += part.count;
      totals[k].seconds += part.seconds;
    }
  }
  return totals;
}

async function main() {
  // Only errors: a log line per append would be measured too.
  Logger.overrideLogger(['error']);
  const kind = process.env.DATABASE_URL ? 'postgres' : 'embedded';
  const db = await createTestDatabase(kind);
  const dataSource = createDataSource({ url: db.url, poolMax: kind === 'embedded' ? 1 : 16 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const pool: Pool = poolOf(dataSource);
  const store = new PostgresEventStore(pool, {
    kind,
    listenConnectionString: kind === 'postgres' ? db.url : undefined,
  });
  await store.start();
  await pool.query('CREATE TABLE bench_plain (id bigserial PRIMARY KEY, stream text NOT NULL, data jsonb NOT NULL)');
  // The baseline is lighter than an event row (one index, ~150 bytes); this one has an event's shape:
  // its columns, payload and metadata, and three unique indexes (position, stream + revision, event id).
  await pool.query(`CREATE TABLE bench_shaped (
    position bigserial PRIMARY KEY, stream_id text COLLATE "C" NOT NULL, revision bigint NOT NULL,
    event_id uuid NOT NULL UNIQUE, type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL,
    metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL, UNIQUE (stream_id, revision))`);
  const row = JSON.stringify(benchEvent(0).data);
  let shapedNo = 0;
  const shapedInsert = (rows: number) => {
    const e = benchEvent(0);
    return pool.query(
      `INSERT INTO bench_shaped (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
       SELECT $1, g, gen_random_uuid(), $2, 1, $3::jsonb, $4::jsonb, $5 FROM generate_series(0, $6::int - 1) g`,
      [`shaped-${shapedNo++}`, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), e.metadata.recordedAt, rows],
    );
  };
  const writers8 = kind === 'embedded' ? 1 : 8;

  try {
    let streamNo = 0;
    let batchNo = 0;
    // The next revision of each writer's stream: measurements run in slices, iterations restart in each.
    const oneStreamNext = Array.from({ length: writers8 }, () => 0);
    const atNext = (next: number) => (next === 0 ? 'no_stream' : BigInt(next - 1));
    let oneNext = 0;
    const [
      plain1,
      plain8,
      plain100,
      shaped1,
      shaped8,
      shaped100,
      newStreams1,
      newStreams8,
      oneStream1,
      oneStream8,
      batch100,
    ] = await measureInTurns(SLICES, SECONDS, [
      {
        name: 'plain INSERT, 1 client',
        writers: 1,
        op: async () => {
          await pool.query('INSERT INTO bench_plain (stream, data) VALUES ($1, $2)', ['s', row]);
          return 1;
        },
      },
      {
        name: `plain INSERT, ${writers8} clients`,
        writers: writers8,
        op: async () => {
          await pool.query('INSERT INTO bench_plain (stream, data) VALUES ($1, $2)', ['s', row]);
          return 1;
        },
      },
      {
        name: 'plain 100-row INSERT, 1 client (rows)',
        writers: 1,
        op: async () => {
          await pool.query('INSERT INTO bench_plain (stream, data) SELECT $1, $2::jsonb FROM generate_series(1, 100)', [
            's',
            row,
          ]);
          return 100;
        },
      },
      { name: 'event-shaped INSERT, 1 client', writers: 1, op: () => shapedInsert(1).then(() => 1) },
      { name: `event-shaped INSERT, ${writers8} clients`, writers: writers8, op: () => shapedInsert(1).then(() => 1) },
      {
        name: 'event-shaped 100-row INSERT, 1 client (rows)',
        writers: 1,
        op: () => shapedInsert(100).then(() => 100),
      },
      {
        name: 'append 1 event to a new stream, 1 writer',
        writers: 1,
        op: async () => {
          await store.append(`bench-new-${streamNo++}`, [benchEvent(streamNo)], 'no_stream');
          return 1;
        },
      },
      {
        name: `append 1 event to a new stream, ${writers8} writers`,
        writers: writers8,
        op: async () => {
          await store.append(`bench-new-${streamNo++}`, [benchEvent(streamNo)], 'no_stream');
          return 1;
        },
      },
      {
        name: 'append 1 event to one stream at expected revision, 1 writer',
        writers: 1,
        op: async () => {
          const next = oneNext++;
          await store.append('bench-one', [benchEvent(next)], atNext(next));
          return 1;
        },
      },
      {
        name: `append 1 event at expected revision, ${writers8} writers (a stream each)`,
        writers: writers8,
        op: async (w) => {
          const next = oneStreamNext[w]++;
          await store.append(`bench-one-${w}`, [benchEvent(next)], atNext(next));
          return 1;
        },
      },
      {
        name: 'append 100 events per call, 1 writer (events)',
        writers: 1,
        op: async () => {
          await store.append(
            `bench-batch-${batchNo++}`,
            Array.from({ length: 100 }, (_, j) => benchEvent(j)),
            'no_stream',
          );
          return 100;
        },
      },
    ]);

    // Fill the log to at least CATCH_UP_EVENTS for the read measurements.
    const head = await pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events');
    for (let n = Number(head.rows[0].n), i = 0; n < CATCH_UP_EVENTS; n += 1000, i++) {
      await store.append(
        `bench-fill-${i}`,
        Array.from({ length: 1000 }, (_, j) => benchEvent(j)),
        'no_stream',
      );
    }
    const readAll = await measureOnce('read the whole log in pages of 2,000', async () => {
      let after: bigint | undefined;
      let count = 0;
      for (;;) {
        const page = await store.readLog({ after, limit: 2000 });
        if (!page.length) return count;
        count += page.length;
        after = page[page.length - 1].position;
      }
    });
    const total = readAll.count;
    const catchUp = await measureOnce(`catch-up subscription over ${total} events`, async () => {
      const abort = new AbortController();
      let count = 0;
      for await (const _event of store.subscribe({ signal: abort.signal })) {
        if (++count >= total) abort.abort();
      }
      return count;
    });

    console.log(
      `\nEvent store benchmark on ${kind} (${SECONDS}s per measurement in ${SLICES} turns; node ${process.version}; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    console.log('Ratios compare measurements of this one run: on a shared machine only they are comparable.');
    console.log(
      'The goals are judged against the plain INSERTs (one index, ~150-byte rows, the 100-row one repeats one value);',
    );
    console.log(
      'the "vs event-shaped" lines compare with rows of an event\'s shape (same columns, payload, three unique indexes).\n',
    );
    printTable([
      { name: plain1.name, rate: perSecond(plain1) },
      { name: plain8.name, rate: perSecond(plain8) },
      { name: plain100.name, rate: perSecond(plain100) },
      { name: newStreams1.name, rate: perSecond(newStreams1), baseline: perSecond(plain1), goal: '≥ 0.8×' },
      { name: newStreams8.name, rate: perSecond(newStreams8), baseline: perSecond(plain8), goal: '≥ 0.6×' },
      { name: oneStream1.name, rate: perSecond(oneStream1), baseline: perSecond(plain1), goal: '≥ 0.85×' },
      { name: oneStream8.name, rate: perSecond(oneStream8), baseline: perSecond(plain8), goal: '≥ 0.6×' },
      { name: batch100.name, rate: perSecond(batch100), baseline: perSecond(plain100), goal: '≥ 0.4×' },
      { name: shaped1.name, rate: perSecond(shaped1) },
      { name: shaped8.name, rate: perSecond(shaped8) },
      { name: shaped100.name, rate: perSecond(shaped100) },
      { name: '  new stream, 1 writer, vs event-shaped', rate: perSecond(newStreams1), baseline: perSecond(shaped1) },
      {
        name: `  new stream, ${writers8} writers, vs event-shaped`,
        rate: perSecond(newStreams8),
        baseline: perSecond(shaped8),
      },
      {
        name: '  expected revision, 1 writer, vs event-shaped',
        rate: perSecond(oneStream1),
        baseline: perSecond(shaped1),
      },
      {
        name: `  expected revision, ${writers8} writers, vs event-shaped`,
        rate: perSecond(oneStream8),
        baseline: perSecond(shaped8),
      },
      { name: '  100 events per call vs event-shaped', rate: perSecond(batch100), baseline: perSecond(shaped100) },
      { name: readAll.name, rate: perSecond(readAll) },
      { name: catchUp.name, rate: perSecond(catchUp), goal: '≥ 75000/s' },
    ]);
  } finally {
    await store.close();
    await dataSource.destroy();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
