/**
 * npm run bench:time-travel — "as of" against live on the demo year over HTTP (Fastify's inject):
 * the dashboard and the completion list of the Jiading 2021 demo plan, live and as of a past moment,
 * p50 of each and the ratio the goals name (as-of dashboard within 4× the live one, as-of completion
 * within 2×). Boots the app like `npm start` on the embedded database (the demo is loaded on the first
 * run into BENCH_DATA_DIR, default ./data-bench-time-travel; later runs reuse it). Prints the load average.
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createApp } from '../../src/app.factory';
import { applicationClock } from '../../src/config/application-clock';
import { loadConfig } from '../../src/config/load-config';
import { openInfrastructure } from '../../src/database/infrastructure';
import { ProjectionsService } from '../../src/projections/projections.service';
import { loadDemoOnFirstBoot } from '../../src/seeding/demo/demo-boot';

const PLAN = 'jiading-2021';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  const dataDir = resolve(process.env.BENCH_DATA_DIR ?? 'data-bench-time-travel');
  const config = Object.assign(loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' }), {
    dataDir,
    databaseUrl: undefined,
    demo: true,
  });
  const infrastructure = await openInfrastructure(config);
  await loadDemoOnFirstBoot(config, infrastructure, { loadingServer: { port: 0, host: '127.0.0.1' } });
  const clock = applicationClock(config, infrastructure.databaseKind, await infrastructure.eventStore.lastRecordedAt());
  const app = await createApp({ config, infrastructure, clock });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const fastify = app as unknown as { inject: (o: object) => Promise<{ statusCode: number; body: string }> };
  try {
    // A projection whose version changed rebuilds at boot: measure once the read models are at the head.
    const head = await infrastructure.eventStore.headPosition();
    if (!(await app.get(ProjectionsService).waitForReadModels(head, 600_000)))
      throw new Error('read models did not reach the head');
    const login = await fastify.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-office', password: 'demo-password-2021' },
    });
    const headers = { authorization: `Bearer ${(JSON.parse(login.body) as { accessToken: string }).accessToken}` };
    const get = async (url: string) => {
      const response = await fastify.inject({ method: 'GET', url, headers });
      if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
      return response.body.length;
    };
    /** p50 (ms) over SAMPLES calls after one untimed call (which folds and stores the snapshots for "as of"). */
    const p50 = async (url: string) => {
      const first = process.hrtime.bigint();
      await get(url);
      const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
      const ms: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const started = process.hrtime.bigint();
        await get(url);
        ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      ms.sort((a, b) => a - b);
      return { p50: ms[Math.floor(ms.length / 2)], firstMs };
    };
    const asOfTime = '2021-09-20T00:00:00Z';
    console.log(`\nTime travel over HTTP (Jiading 2021 demo, embedded database, ${SAMPLES} samples); load ${load()}`);
    console.log('| measurement | live p50 | as-of p50 (first call) | ratio | goal |\n|---|---|---|---|---|');
    const rows: Array<[string, string, string, number]> = [
      ['dashboard', `/api/dashboard?planCode=${PLAN}`, `/api/dashboard?planCode=${PLAN}&asOf=`, 4],
      ['completion', `/api/completion?planCode=${PLAN}`, `/api/completion?planCode=${PLAN}&asOf=`, 2],
    ];
    for (const [name, live, asOf, goal] of rows) {
      const liveMs = await p50(live);
      for (const at of [head.toString(), asOfTime]) {
        const past = await p50(asOf + encodeURIComponent(at));
        console.log(
          `| ${name} as of ${at === asOfTime ? at : `the head (position ${at})`} | ${liveMs.p50.toFixed(1)} ms | ${past.p50.toFixed(1)} ms (${past.firstMs.toFixed(0)} ms) | ${(past.p50 / liveMs.p50).toFixed(2)}× | ≤ ${goal}× |`,
        );
      }
    }
    console.log(`load at end ${load()}`);
  } finally {
    await app.close();
    await infrastructure.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
