/**
 * `npm run bench:http`: writes over HTTP. The real application listens on loopback (PostgreSQL when
 * DATABASE_URL is set, else the embedded database in a temporary directory); a bounded load client
 * sends ReportProgress with read-your-writes (each answer comes after the read models and the warnings
 * reactor have applied it) from 8 and from 64 clients, beside a trivial authenticated GET as the
 * HTTP baseline. Prints reports/s and latency p50/p95/p99, and the checkpoint transactions the
 * followers made per report (counted by a trigger on projection_checkpoints, so the figure is the
 * same whatever code runs: before lazy checkpoints every follower wrote one per batch it read, even
 * a batch of events it ignores). BENCH_HTTP_REPORTS sets the reports per measurement (default 1500).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/load-config';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { openInfrastructure } from '../../src/database/infrastructure';
import { poolOf } from '../../src/database/data-source';
import { FixedClock } from '../../src/shared/clock';
import { createPostgresTestDatabase } from '../support/test-databases';

const PLAN = 'bench-2021';
const MONTHS = Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`);
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };

interface Result {
  name: string;
  count: number;
  seconds: number;
  latencies: number[];
  /** Checkpoint rows updated (one per checkpoint transaction) during the measurement. */
  checkpointWrites: number;
  /** CPU time of this process (application and load client), user + system, ms. */
  cpuMs: number;
  /** Statements by shape during the measurement (BENCH_HTTP_QUERIES). */
  queries: Map<string, number>;
}

/**
 * BENCH_HTTP_QUERIES=1: counts the statements the process sends (by their first words) during each
 * measurement and prints the most frequent per operation, to see what a report costs in round trips.
 */
const queryCounts = new Map<string, number>();
if (process.env.BENCH_HTTP_QUERIES) {
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    const shape = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    queryCounts.set(shape, (queryCounts.get(shape) ?? 0) + 1);
    return query.apply(this, args);
  } as typeof Client.prototype.query;
}

const REPORTS = Number(process.env.BENCH_HTTP_REPORTS ?? 1500);
/** Enough targets for the warm-up and both measurements, a year of months each (a shorter setup). */
const UNITS = Math.ceil((200 + 2 * REPORTS) / MONTHS.length) + 8;

/**
 * Counts every update of a checkpoint row (one per transaction that moves a follower's checkpoint),
 * as rows appended to a table of its own: no lock shared between the followers' transactions.
 */
const COUNT_CHECKPOINT_WRITES = `
  CREATE TABLE IF NOT EXISTS bench_checkpoint_writes (name text NOT NULL);
  CREATE OR REPLACE FUNCTION bench_count_checkpoint_write() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN INSERT INTO bench_checkpoint_writes VALUES (NEW.name); RETURN NEW; END $$;
  DROP TRIGGER IF EXISTS bench_count_checkpoint_write ON projection_checkpoints;
  CREATE TRIGGER bench_count_checkpoint_write AFTER UPDATE ON projection_checkpoints
    FOR EACH ROW EXECUTE FUNCTION bench_count_checkpoint_write();`;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const postgres = process.env.DATABASE_URL ? await createPostgresTestDatabase(process.env.DATABASE_URL) : undefined;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DEMO: 'false',
    DATA_DIR: dataDir,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'bench-http-secret-long-enough-0123456789abcdef',
    LOG_LEVEL: 'error',
    ...(postgres ? { DATABASE_URL: postgres.url } : { DATABASE_URL: undefined }),
  });
  const infrastructure = await openInfrastructure(config);
  const clock = new FixedClock(new Date('2021-12-28T02:00:00Z'));
  const app = await createApp({ config, infrastructure, clock });
  await app.listen(0, '127.0.0.1');
  const pool = poolOf(infrastructure.dataSource);
  await pool.query(COUNT_CHECKPOINT_WRITES);
  const checkpointWrites = async () =>
    Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM bench_checkpoint_writes')).rows[0].n);
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    };
    await post('/api/plans', { code: PLAN, year: 2021, title: '基准计划' });
    await post(`/api/plans/${PLAN}/indicators`, {
      code: 'I01',
      category: '经济发展',
      name: '基准指标',
      unitOfMeasure: '万元',
      kind: 'cumulative',
    });
    // The deadlines passed by the clock's date go in before any target, so none is overdue and the
    // scheduler's tick (at boot, then every minute) appends nothing while measuring.
    await app.get(DeadlineScheduler, { strict: false }).tick();
    const units = Array.from({ length: UNITS }, (_, i) => `b${String(i).padStart(3, '0')}`);
    for (const code of units) {
      await post('/api/units', { code, name: `单位 ${code}`, kind: 'town' });
      await post('/api/targets', {
        planCode: PLAN,
        indicatorCode: 'I01',
        unitCode: code,
        assessment: { total: '1200', unitOfMeasure: '万元' },
      });
    }
    // Each report is one target and month, in month order per target (year to date grows).
    const reports = MONTHS.flatMap((period, m) =>
      units.map((unit) => ({ unit, period, value: String((m + 1) * 100) })),
    );
    let next = 0;

    /** BENCH_HTTP_PROFILE=file.cpuprofile: a CPU profile of the process during the 8-client reports. */
    const profiled = async <T>(work: () => Promise<T>): Promise<T> => {
      const file = process.env.BENCH_HTTP_PROFILE;
      if (!file) return work();
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      try {
        return await work();
      } finally {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(file, JSON.stringify(profile));
        session.disconnect();
      }
    };
    const run = async (name: string, clients: number, count: number, op: () => Promise<void>): Promise<Result> => {
      const latencies: number[] = [];
      let done = 0;
      const writesBefore = await checkpointWrites();
      queryCounts.clear();
      const cpu = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (done < count) {
            done++;
            const t0 = performance.now();
            await op();
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const queries = new Map(queryCounts);
      const used = process.cpuUsage(cpu);
      // The lazy checkpoint writes of the last events land within a moment: counted with them.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return {
        name,
        count: latencies.length,
        seconds,
        latencies: latencies.sort((a, b) => a - b),
        checkpointWrites: (await checkpointWrites()) - writesBefore,
        queries,
        cpuMs: (used.user + used.system) / 1000,
      };
    };
    const report = async () => {
      const r = reports[next++];
      if (!r) throw new Error('ran out of reports: raise UNITS');
      await post(`/api/targets/${PLAN}.I01.${r.unit}/progress`, { period: r.period, value: r.value });
    };
    const get = async () => {
      const response = await fetch(`${base}/api/users/me`, { headers });
      if (response.status !== 200) throw new Error(`GET /api/users/me: ${response.status}`);
      await response.arrayBuffer();
    };

    await run('warm-up', 8, 200, report);
    const results = [
      await run('GET /api/users/me (baseline), 8 clients', 8, 2000, get),
      await profiled(() => run('ReportProgress + read-your-writes, 8 clients', 8, REPORTS, report)),
      await run('ReportProgress + read-your-writes, 64 clients', 64, REPORTS, report),
    ];
    const memory = process.memoryUsage();
    console.log(
      `\nHTTP writes (${postgres ? 'PostgreSQL' : 'embedded database'}), ${new Date().toISOString().slice(0, 10)}`,
    );
    console.log(
      [
        'measurement'.padEnd(50),
        'per second',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'checkpoint tx per op',
        'CPU ms per op',
      ].join('  '),
    );
    for (const r of results) {
      const cells = [r.name.padEnd(50), (r.count / r.seconds).toFixed(0).padStart(10)];
      for (const p of [50, 95, 99]) cells.push(percentile(r.latencies, p).toFixed(1).padStart(6));
      cells.push((r.checkpointWrites / r.count).toFixed(2).padStart(20));
      cells.push((r.cpuMs / r.count).toFixed(2).padStart(13));
      console.log(cells.join('  '));
    }
    for (const r of process.env.BENCH_HTTP_QUERIES ? results : []) {
      const total = [...r.queries.values()].reduce((a, b) => a + b, 0);
      console.log(`\n${r.name}: ${(total / r.count).toFixed(1)} statements per operation`);
      for (const [shape, n] of [...r.queries].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
        console.log(`${(n / r.count).toFixed(2).padStart(8)}  ${shape}`);
      }
    }
    console.log('goal at 8 clients: ≥ 500 reports/s, p95 ≤ 50 ms');
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`resident memory of the process (app + load client): ${(memory.rss / 2 ** 20).toFixed(0)} MB`);
  } finally {
    await app.close();
    await infrastructure.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
