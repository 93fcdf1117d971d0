/**
 * npm run bench:bulletins — the 2021-09 bulletin of the Jiading demo plan (807 targets) composed and
 * exported to every format, and the Excel intake of a 2,000-row workbook (preview, then applied).
 * Boots the app like `npm start` on the embedded database (the demo is loaded on the first run into
 * BENCH_DATA_DIR, default ./data-bench-bulletins; later runs reuse it). Prints figures and the load average.
 */
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromiumPath } from '../../src/bulletins/export/html-to-pdf';
import { createApp } from '../../src/app.factory';
import { applicationClock } from '../../src/config/application-clock';
import { loadConfig } from '../../src/config/load-config';
import { openInfrastructure } from '../../src/database/infrastructure';
import { COLUMNS, PROGRESS_SHEET } from '../../src/imports/progress-template';
import { loadDemoOnFirstBoot } from '../../src/seeding/demo/demo-boot';
import { TargetDocument } from '../../src/targets/read-model/target-document';
import { TargetsRepository } from '../../src/targets/read-model/targets.repository';

const PLAN = 'jiading-2021';
const ROWS = 2_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/** 2,000 rows of corrections to the demo's reported months (figures nudged per run, so each run appends; whole numbers stay whole). */
async function intakeWorkbook(targets: TargetDocument[]): Promise<Buffer> {
  const nudge = (Date.now() % 89) + 1;
  const rows: Array<[string, string, string]> = [];
  for (const period of ['2021-09', '2021-08', '2021-07', '2021-06']) {
    for (const target of targets) {
      const value = target.periods[period]?.report.value;
      if (value === undefined || rows.length >= ROWS) continue;
      // Counts of incidents and ranks are whole numbers (the decider refuses decimals there).
      const whole = target.indicator.kind === 'zero_incident' || target.indicator.kind === 'rank';
      rows.push([target.id, period, whole ? String(Number(value) + nudge) : (Number(value) + nudge / 1000).toFixed(3)]);
    }
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(PROGRESS_SHEET);
  sheet.addRow(Object.values(COLUMNS));
  for (const [id, period, value] of rows)
    sheet.addRow([id, null, null, null, null, null, period, Number(value), null, '基准测试批量更正']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.BENCH_DATA_DIR ?? 'data-bench-bulletins');
  const config = Object.assign(loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' }), {
    dataDir,
    databaseUrl: undefined,
    demo: true,
  });
  const infrastructure = await openInfrastructure(config);
  await loadDemoOnFirstBoot(config, infrastructure, { loadingServer: { port: 0, host: '127.0.0.1' } });
  const clock = applicationClock(config, infrastructure.databaseKind, await infrastructure.eventStore.lastRecordedAt());
  const app = await createApp({ config, infrastructure, clock });
  // Requests through Fastify's inject: the server's own time, no client timeouts on a busy machine.
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const fastify = app as unknown as {
    inject: (o: object) => Promise<{ statusCode: number; body: string; rawPayload: Buffer; json: () => unknown }>;
  };
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
  const f = (ms: number | undefined) => (ms === undefined ? '—' : `${Math.round(ms)} ms`);
  try {
    const login = (
      await fastify.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'demo-office', password: 'demo-password-2021' },
      })
    ).json() as { accessToken: string };
    const headers = { authorization: `Bearer ${login.accessToken}` };
    const call = async (
      method: string,
      url: string,
      extra: { payload?: unknown; headers?: Record<string, string> } = {},
    ) => {
      const response = await fastify.inject({
        method,
        url,
        ...extra,
        headers: { ...headers, ...(extra.headers ?? {}) },
      });
      if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response;
    };

    console.log(
      `\nBulletins and Excel intake (Jiading 2021 demo, embedded database); load average at start ${load()}:`,
    );
    console.log('| measurement | result | goal |\n|---|---|---|');
    // Bulletin: draft (composed as of the cutoff), then each export; twice, the second run warm.
    for (let run = 0; run < 2; run++) {
      const label = run === 0 ? 'cold' : 'warm';
      const draft = await timed(
        async () =>
          (await call('POST', '/api/bulletins', { payload: { planCode: PLAN, period: '2021-09' } })).json() as {
            id: string;
            completion: unknown[];
          },
      );
      console.log(
        `| 2021-09 bulletin composed (${draft.value.completion.length} targets), ${label} | ${f(draft.ms)} | |`,
      );
      let sum = draft.ms;
      for (const format of ['xlsx', 'docx', 'html', 'pdf'] as const) {
        if (format === 'pdf' && !chromiumPath()) continue;
        const exported = await timed(
          async () => (await call('GET', `/api/bulletins/${draft.value.id}/export?format=${format}`)).rawPayload.length,
        );
        if (format !== 'pdf') sum += exported.ms;
        console.log(`| export ${format} (${Math.round(exported.value / 1024)} KB), ${label} | ${f(exported.ms)} | |`);
      }
      console.log(`| composed + xlsx + docx + html, ${label} | ${f(sum)} | ≤ 2,000 ms |`);
    }

    // Intake: a 2,000-row workbook, preview then apply.
    const file = await intakeWorkbook(await app.get(TargetsRepository).documentsOfPlan(PLAN));
    const boundary = '----bench-intake-boundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = (dryRun: boolean) =>
      timed(
        async () =>
          (
            await call('POST', `/api/imports/progress?dryRun=${dryRun}`, {
              payload,
              headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
            })
          ).json() as { rows: unknown[]; counts: Record<string, number> },
      );
    const preview = await upload(true);
    console.log(
      `| intake preview, ${preview.value.rows.length} rows ${JSON.stringify(preview.value.counts)} | ${f(preview.ms)} | ≤ 5,000 ms |`,
    );
    const applied = await upload(false);
    console.log(
      `| intake applied, ${applied.value.rows.length} rows ${JSON.stringify(applied.value.counts)} | ${f(applied.ms)} | ≤ 10,000 ms |`,
    );
    console.log(`load average at end ${load()}`);
  } finally {
    await app.close();
    await infrastructure.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
