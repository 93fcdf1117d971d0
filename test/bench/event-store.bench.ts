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
import { benchEvent, measureFor, measureOnce, perSecond, printTable } from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CATCH_UP_EVENTS = Number(process.env.BENCH_CATCH_UP_EVENTS ?? 100_000);

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
  const row = JSON.stringify(benchEvent(0).data);
  const writers8 = kind === 'embedded' ? 1 : 8;

  try {
    const plain1 = await measureFor('plain INSERT, 1 client', SECONDS, 1, async () => {
      await pool.query('INSERT INTO bench_plain (stream, data) VALUES ($1, $2)', ['s', row]);
      return 1;
    });
    const plain8 = await measureFor(`plain INSERT, ${writers8} clients`, SECONDS, writers8, async () => {
      await pool.query('INSERT INTO bench_plain (stream, data) VALUES ($1, $2)', ['s', row]);
      return 1;
    });
    const plain100 = await measureFor('plain 100-row INSERT, 1 client (rows)', SECONDS, 1, async () => {
      await pool.query('INSERT INTO bench_plain (stream, data) SELECT $1, $2::jsonb FROM generate_series(1, 100)', [
        's',
        row,
      ]);
      return 100;
    });

    let streamNo = 0;
    const newStreams1 = await measureFor('append 1 event to a new stream, 1 writer', SECONDS, 1, async () => {
      await store.append(`bench-new-${streamNo++}`, [benchEvent(streamNo)], 'no_stream');
      return 1;
    });
    const newStreams8 = await measureFor(
      `append 1 event to a new stream, ${writers8} writers`,
      SECONDS,
      writers8,
      async () => {
        await store.append(`bench-new-${streamNo++}`, [benchEvent(streamNo)], 'no_stream');
        return 1;
      },
    );
    const oneStream1 = await measureFor(
      'append 1 event to one stream at expected revision, 1 writer',
      SECONDS,
      1,
      async (_w, i) => {
        await store.append('bench-one', [benchEvent(i)], i === 0 ? 'no_stream' : BigInt(i - 1));
        return 1;
      },
    );
    const oneStream8 = await measureFor(
      `append 1 event at expected revision, ${writers8} writers (a stream each)`,
      SECONDS,
      writers8,
      async (w, i) => {
        await store.append(`bench-one-${w}`, [benchEvent(i)], i === 0 ? 'no_stream' : BigInt(i - 1));
        return 1;
      },
    );
    const batch100 = await measureFor('append 100 events per call, 1 writer (events)', SECONDS, 1, async (_w, i) => {
      await store.append(
        `bench-batch-${i}`,
        Array.from({ length: 100 }, (_, j) => benchEvent(j)),
        'no_stream',
      );
      return 100;
    });

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
      `\nEvent store benchmark on ${kind} (${SECONDS}s per measurement; node ${process.version}; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    console.log('Ratios compare measurements of this one run: on a shared machine only they are comparable.\n');
    printTable([
      { name: plain1.name, rate: perSecond(plain1) },
      { name: plain8.name, rate: perSecond(plain8) },
      { name: plain100.name, rate: perSecond(plain100) },
      { name: newStreams1.name, rate: perSecond(newStreams1), baseline: perSecond(plain1), goal: '≥ 0.8×' },
      { name: newStreams8.name, rate: perSecond(newStreams8), baseline: perSecond(plain8), goal: '≥ 0.6×' },
      { name: oneStream1.name, rate: perSecond(oneStream1), baseline: perSecond(plain1), goal: '≥ 0.85×' },
      { name: oneStream8.name, rate: perSecond(oneStream8), baseline: perSecond(plain8), goal: '≥ 0.6×' },
      { name: batch100.name, rate: perSecond(batch100), baseline: perSecond(plain100), goal: '≥ 0.4×' },
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
