/**
 * npm run bench:notifications — the notification dispatcher and the webhook channel, on the whole app.
 *
 * 1. Throughput: BENCH_WARNINGS (default 10,000) WarningRaised events appended at once, over 50 units
 *    with one reporter each and one webhook channel: in-app notifications per second (the dispatcher
 *    follower writing them in its checkpoint transactions) and webhook deliveries per second (to a
 *    local receiver, signed).
 * 2. Lag: WarningRaised appended at BENCH_RATE per second (default 100) for BENCH_LAG_SECONDS (default
 *    20); for each, the time from its append to the webhook receiving it, p50 and p95.
 * Goals (issue #11): in-app ≥ 2,000/s for 10,000 events; p95 ≤ 1 s at 100 warnings/s.
 * Uses DATABASE_URL's server (a fresh database, dropped afterwards); without it, the embedded database.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { NewEvent } from '../../src/event-store/event-store.port';
import { NotificationDispatcher } from '../../src/notifications/dispatcher/notification-dispatcher';
import { warningStream } from '../../src/warnings/domain/warning.types';
import { HttpReceiver } from '../support/notification-receivers';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const WARNINGS = Number(process.env.BENCH_WARNINGS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const LAG_SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 20);
const UNITS = Array.from({ length: 50 }, (_, i) => `b${String(i + 1).padStart(2, '0')}`);
const PLAN = 'bench-2021';
/** Warnings appended per round (spread over the units' streams, appended in parallel). */
const CHUNK = Number(process.env.BENCH_CHUNK ?? 1000);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function warningRaised(n: number, unitCode: string, recordedAt = new Date()): NewEvent {
  const targetId = `${PLAN}.I01.${unitCode}`;
  return {
    id: randomUUID(),
    type: 'WarningRaised',
    schemaVersion: 1,
    data: {
      warningId: `${targetId}.w${n}`,
      targetId,
      planCode: PLAN,
      indicatorCode: 'I01',
      unitCode,
      kind: 'status',
      level: 'red',
      period: '2021-03',
      reason: '完成率低于序时进度 85% / below 85% of the expected pace',
      ruleValues: {},
    },
    metadata: {
      actor: { id: 'bench', username: 'bench', displayName: '基准测试' },
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      recordedAt: recordedAt.toISOString(),
    },
  };
}

/**
 * BENCH_QUERIES=1: every statement the app sends during the throughput run, counted and timed by its
 * first words (query accounting), printed with the dispatcher's batches.
 */
const accounting = new Map<string, { count: number; ms: number }>();
let accountingOn = false;
if (process.env.BENCH_QUERIES) {
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
    this: Client,
    ...args: unknown[]
  ) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
    if (!accountingOn) return original.apply(this, args);
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const started = process.hrtime.bigint();
    const done = () => {
      const entry = accounting.get(key) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += Number(process.hrtime.bigint() - started) / 1e6;
      accounting.set(key, entry);
    };
    // Pool.query passes a callback; a client's own queries return a promise.
    const last = args[args.length - 1];
    if (typeof last === 'function')
      args[args.length - 1] = (...results: unknown[]) => {
        done();
        return (last as (...r: unknown[]) => unknown)(...results);
      };
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    return result;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main() {
  const kind = process.env.DATABASE_URL ? 'postgres' : 'embedded';
  const receiver = await new HttpReceiver().start();
  const t: TestApp = await startTestApp(kind, { config: { logLevel: 'warn' } });
  const say = (line: string) => console.log(line);
  try {
    const headers = bearer(await t.adminToken());
    const post = async (url: string, payload: object) => {
      const r = await t.inject({ method: 'POST', url, payload, headers });
      if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    };
    for (const code of UNITS) await post('/api/units', { code, name: `基准单位 ${code}`, kind: 'town' });
    await post('/api/plans', { code: PLAN, year: 2021, title: '2021年基准计划' });
    await post(`/api/plans/${PLAN}/indicators`, {
      code: 'I01',
      category: '经济发展',
      name: '基准指标',
      unitOfMeasure: '万元',
      kind: 'cumulative',
    });
    for (const code of UNITS) await t.createUser(['unit'], code);
    say(`  set up: ${UNITS.length} units and reporters, plan, indicator, webhook channel  [load ${load()}]`);
    await post('/api/notification-channels', {
      name: '基准 Webhook',
      kind: 'webhook',
      target: receiver.url('/hook'),
      secret: 'bench-secret',
    });
    const store = t.infrastructure.eventStore;
    const dispatcher = t.app.get(NotificationDispatcher);

    say(
      `Notifications benchmark on ${kind}: ${WARNINGS} warnings over ${UNITS.length} units (1 reporter each) + 1 webhook channel; load average ${load()}`,
    );

    // 1. Throughput.
    accountingOn = true;
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    const perUnit = new Map<string, number>();
    // The appends' own positions: headPosition() on a shared PostgreSQL can lag behind them (another
    // database's open transaction holds the visible bound back), and waiting for it would stop early.
    let lastAppended = 0n;
    for (let i = 0; i < WARNINGS; i += CHUNK) {
      // One time per round: the rounds follow each other, so recorded time never goes backwards.
      const at = new Date();
      const batch = Array.from({ length: Math.min(CHUNK, WARNINGS - i) }, (_, k) => {
        const unit = UNITS[(i + k) % UNITS.length];
        const n = (perUnit.get(unit) ?? 0) + 1;
        perUnit.set(unit, n);
        return { unit, event: warningRaised(n, unit, at) };
      });
      // One stream per target, as the warnings reactor writes them.
      const byUnit = new Map<string, NewEvent[]>();
      for (const { unit, event } of batch) byUnit.set(unit, [...(byUnit.get(unit) ?? []), event]);
      const results = await Promise.all(
        [...byUnit].map(([unit, events]) => store.append(warningStream(`${PLAN}.I01.${unit}`), events, 'any')),
      );
      for (const { position } of results) if (position > lastAppended) lastAppended = position;
    }
    const appended = Number(process.hrtime.bigint() - started) / 1e9;
    say(
      `  appended ${WARNINGS} WarningRaised in ${appended.toFixed(2)} s (${CHUNK} a round over ${UNITS.length} streams)  [load ${load()}]`,
    );
    await until('the dispatcher', () => dispatcher.waitFor(lastAppended, 600_000));
    const inAppSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const inApp = await queryCount(t, 'notifications');
    say(
      `  in-app notifications: ${inApp} in ${inAppSeconds.toFixed(2)} s = ${(inApp / inAppSeconds).toFixed(0)}/s (goal ≥ 2000/s)  [load ${load()}]`,
    );
    // The same, without the appends: what the dispatcher (sharing the database with every other follower
    // and the delivery worker) still needed once the last warning was in the log.
    const afterAppends = inAppSeconds - appended;
    say(
      `    of which after the last append: ${afterAppends.toFixed(2)} s (the appends themselves ${appended.toFixed(2)} s)`,
    );
    const cpu = process.cpuUsage(cpuStarted);
    say(
      `    CPU of the process until then: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; dispatcher ${describeStats(dispatcher)}` +
        ` (monotonic µs ${started / 1000n}–${process.hrtime.bigint() / 1000n}, the window of a --cpu-prof)`,
    );
    accountingOn = false;
    if (accounting.size) {
      say('    statements during the throughput run (count, summed ms in flight), most time first:');
      for (const [text, { count, ms }] of [...accounting].sort(([, a], [, b]) => b.ms - a.ms).slice(0, 25))
        say(`      ${String(count).padStart(6)} ${ms.toFixed(0).padStart(8)} ms  ${text}`);
    }
    await until('the webhook deliveries', () => receiver.requests.length >= WARNINGS);
    const webhookSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    say(
      `  webhook deliveries:   ${receiver.requests.length} in ${webhookSeconds.toFixed(2)} s = ${(receiver.requests.length / webhookSeconds).toFixed(0)}/s  [load ${load()}]`,
    );

    // 2. Lag at a steady rate.
    receiver.requests.length = 0;
    const appendedAt = new Map<string, number>();
    const total = RATE * LAG_SECONDS;
    const lagStart = Date.now();
    const appends: Array<Promise<unknown>> = [];
    for (let i = 0; i < total; i++) {
      const due = lagStart + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const unit = UNITS[i % UNITS.length];
      const n = (perUnit.get(unit) ?? 0) + 1;
      perUnit.set(unit, n);
      const event = warningRaised(n, unit);
      appendedAt.set(event.id, Date.now());
      appends.push(store.append(warningStream(`${PLAN}.I01.${unit}`), [event], 'any'));
    }
    await Promise.all(appends);
    await until('the lag run’s deliveries', () => receiver.requests.length >= total);
    const lags = receiver.requests
      .map((r) => {
        const id = (JSON.parse(r.body) as { source: { eventId: string } }).source.eventId;
        const at = appendedAt.get(id);
        return at === undefined ? undefined : r.at - at;
      })
      .filter((x): x is number => x !== undefined)
      .sort((a, b) => a - b);
    say(
      `  lag WarningRaised append → webhook received at ${RATE}/s for ${LAG_SECONDS} s (${lags.length} warnings): ` +
        `p50 ${percentile(lags, 50)} ms, p95 ${percentile(lags, 95)} ms, max ${lags[lags.length - 1]} ms (goal p95 ≤ 1000 ms)  [load ${load()}]`,
    );
  } finally {
    await t.close();
    await receiver.stop();
  }
}

function describeStats(dispatcher: NotificationDispatcher): string {
  const { batches, events, skipped, checkpointWrites } = dispatcher.stats;
  return `${batches} batches of ${events - skipped} events it handles (${skipped} passed), ${checkpointWrites} checkpoint writes`;
}

async function queryCount(t: TestApp, table: string): Promise<number> {
  const dataSource = t.app.get(DataSource);
  const rows: Array<{ count: string }> = await dataSource.query(`SELECT count(*) AS count FROM ${table}`);
  return Number(rows[0].count);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
