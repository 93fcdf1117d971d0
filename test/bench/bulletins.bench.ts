/**
 * npm run bench:bulletins — the 2021-09 bulletin of the Jiading demo plan (807 targets) composed and
 * exported to every format, and the Excel intake of a 2,000-row workbook (preview, then applied).
 * Boots the app like `npm start` on the embedded database (the demo is loaded on the first run into
 * BENCH_DATA_DIR, default ./data-bench-bulletins; later runs reuse it). Prints figures and the load average.
 */
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { loadavg } from 'node:os';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromiumPath } from '../../src/bulletins/export/html-to-pdf';
import { createApp } from '../../src/app.factory';
import { applicationClock } from '../../src/config/application-clock';
import { loadConfig } from '../../src/config/load-config';
import { openInfrastructure } from '../../src/database/infrastructure';
import { COLUMNS, PROGRESS_SHEET } from '../../src/imports/progress-template';
import { loadDemoOnFirstBoot } from '../../src/seeding/demo/demo-boot';

const PLAN = 'jiading-2021';
const ROWS = 2_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/** 2,000 rows of corrections to the demo's reported months (figures nudged per run, so each run appends). */
async function intakeWorkbook(targets: Array<{ id: string; periods?: Array<{ period: string; value?: string }> }>): Promise<Buffer> {
  const nudge = (Date.now() % 89) + 1;
  const rows: Array<[string, string, string]> = [];
  for (const period of ['2021-09', '2021-08', '2021-07', '2021-06']) {
    for (const target of targets) {
      const value = target.periods?.find((p) => p.period === period)?.value;
      if (value === undefined || rows.length >= ROWS) continue;
      rows.push([target.id, period, (Number(value) + nudge / 1000).toFixed(3)]);
    }
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(PROGRESS_SHEET);
  sheet.addRow(Object.values(COLUMNS));
  for (const [id, period, value] of rows) sheet.addRow([id, null, null, null, null, null, period, Number(value), null, '基准测试批量更正']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.BENCH_DATA_DIR ?? 'data-bench-bulletins');
  const config = Object.assign(loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' }), { dataDir, databaseUrl: undefined, demo: true });
  const infrastructure = await openInfrastructure(config);
  await loadDemoOnFirstBoot(config, infrastructure, { loadingServer: { port: 0, host: '127.0.0.1' } });
  const clock = applicationClock(config, infrastructure.databaseKind, await infrastructure.eventStore.lastRecordedAt());
  const app = await createApp({ config, infrastructure, clock });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    const login = (await (await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-office', password: 'demo-password-2021' }),
    })).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${base}${path}`, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
      return response;
    };

    // Bulletin: draft (composed as of the cutoff), then each export; twice, the second run warm.
    const figures: Array<Record<string, number>> = [];
    let targets = 0;
    for (let run = 0; run < 2; run++) {
      const draft = await timed(async () => (await (await call('/api/bulletins', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ planCode: PLAN, period: '2021-09' }),
      })).json()) as { id: string; completion: unknown[] });
      targets = draft.value.completion.length;
      const row: Record<string, number> = { compose: draft.ms };
      for (const format of ['xlsx', 'docx', 'html', 'pdf'] as const) {
        if (format === 'pdf' && !chromiumPath()) continue;
        row[format] = (await timed(async () => (await call(`/api/bulletins/${draft.value.id}/export?format=${format}`)).arrayBuffer())).ms;
      }
      figures.push(row);
    }

    // Intake: a 2,000-row workbook, preview then apply.
    const all = (await (await call(`/api/targets?planCode=${PLAN}`)).json()) as Array<{ id: string; periods?: Array<{ period: string; value?: string }> }>;
    const withPeriods = all[0]?.periods
      ? all
      : await Promise.all(all.map(async (t) => (await (await call(`/api/targets/${encodeURIComponent(t.id)}`)).json()) as { id: string; periods?: Array<{ period: string; value?: string }> }));
    const file = await intakeWorkbook(withPeriods);
    const upload = (dryRun: boolean) => {
      const form = new FormData();
      form.append('file', new Blob([file]), 'bench.xlsx');
      return timed(async () => (await (await call(`/api/imports/progress?dryRun=${dryRun}`, { method: 'POST', body: form })).json()) as { rows: unknown[]; counts: Record<string, number> });
    };
    const preview = await upload(true);
    const applied = await upload(false);

    const load = loadavg().map((l) => l.toFixed(2)).join(', ');
    const f = (ms: number | undefined) => (ms === undefined ? '—' : `${Math.round(ms)} ms`);
    console.log(`\nBulletins and Excel intake (Jiading 2021 demo, embedded database; load average ${load}):`);
    console.log('| measurement | cold | warm | goal |\n|---|---|---|---|');
    const noPdf = figures.map((r) => r.compose + r.xlsx + r.docx + r.html);
    console.log(`| 2021-09 bulletin composed (${targets} targets) | ${f(figures[0].compose)} | ${f(figures[1].compose)} | |`);
    for (const format of ['xlsx', 'docx', 'html', 'pdf']) console.log(`| export ${format} | ${f(figures[0][format])} | ${f(figures[1][format])} | |`);
    console.log(`| composed + xlsx + docx + html | ${f(noPdf[0])} | ${f(noPdf[1])} | ≤ 2,000 ms |`);
    console.log(`| intake preview, ${preview.value.rows.length} rows ${JSON.stringify(preview.value.counts)} | ${f(preview.ms)} | | ≤ 5,000 ms |`);
    console.log(`| intake applied, ${applied.value.rows.length} rows ${JSON.stringify(applied.value.counts)} | ${f(applied.ms)} | | ≤ 10,000 ms |`);
  } finally {
    await app.close();
    await infrastructure.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
