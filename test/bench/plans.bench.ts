/**
 * npm run bench:plans — the Jiading 2021 plan (109 indicators, 809 targets, 31 decomposition tables) as a plan
 * workbook: read and validate the directory (YAML/CSV), export it to .xlsx, read the workbook back and validate
 * it (what `npm run seed -- plan.xlsx` and the office's 预览 do before any command), and form the import's
 * commands. No database: the figures are the format layer's own. Each stage runs ROUNDS times (after one warm-up
 * round); the median and the slowest are printed beside the goals, with the load average.
 */
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { planImport } from '../../src/seeding/import/plan-import';
import { loadPlanDirectory, PlanFile } from '../../src/seeding/plan-file';
import { planExportOfImport } from '../../src/seeding/workbook/export-from-file';
import { validatePlanWorkbook } from '../../src/seeding/workbook/read-workbook';
import { writePlanWorkbook } from '../../src/seeding/workbook/write-workbook';

const ROOT = path.resolve(__dirname, '../..');
const DIR = path.join(ROOT, 'seeds/jiading-2021');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Stage {
  name: string;
  /** goal for one run, in milliseconds */
  goalMs: number;
  runs: number[];
}

async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  console.log(`\nPlan workbook benchmark, ${new Date().toISOString().slice(0, 16)}Z, ${ROUNDS} rounds, load ${load()}`);
  const stages: Stage[] = [
    { name: 'read + validate the directory (YAML/CSV)', goalMs: 2000, runs: [] },
    { name: 'export: write the workbook (.xlsx)', goalMs: 2000, runs: [] },
    { name: 'import: read + validate the workbook', goalMs: 2000, runs: [] },
    { name: 'import: form the commands (planImport)', goalMs: 500, runs: [] },
    { name: 'export + import, end to end', goalMs: 4000, runs: [] },
  ];
  let size = 0;
  let counts = '';
  for (let round = 0; round <= ROUNDS; round++) {
    const loaded = await timed(() => loadPlanDirectory(DIR));
    const batch = planImport(loaded.value, { baseDir: ROOT });
    const exported = await timed(() => writePlanWorkbook(planExportOfImport(batch)));
    const read = await timed(() => validatePlanWorkbook(exported.value, 'jiading-2021.xlsx'));
    if (!read.value.ok) throw new Error(`the exported workbook does not validate: ${read.value.errors[0]?.message}`);
    const plan: PlanFile = read.value.plan;
    const commands = await timed(() => planImport(plan, { baseDir: ROOT }));
    if (commands.value.targets.length !== batch.targets.length)
      throw new Error(`round trip lost targets: ${batch.targets.length} → ${commands.value.targets.length}`);
    size = exported.value.length;
    counts = `${plan.indicators.length} indicators, ${plan.targets.length} unit targets, ${plan.tables.length} tables`;
    if (round === 0) continue; // warm-up
    const ms = [loaded.ms, exported.ms, read.ms, commands.ms, exported.ms + read.ms + commands.ms];
    ms.forEach((m, i) => stages[i].runs.push(m));
    console.log(`  round ${round}: ${ms.map((m) => `${m.toFixed(0)} ms`).join(' | ')}  (load ${load()})`);
  }
  console.log(`\nWorkbook: ${(size / 1024).toFixed(0)} KiB; ${counts}`);
  console.log('stage'.padEnd(46), 'median'.padStart(10), 'slowest'.padStart(10), 'goal'.padStart(10), '');
  for (const s of stages) {
    const med = median(s.runs);
    console.log(
      s.name.padEnd(46),
      `${med.toFixed(0)} ms`.padStart(10),
      `${Math.max(...s.runs).toFixed(0)} ms`.padStart(10),
      `≤ ${s.goalMs} ms`.padStart(10),
      med <= s.goalMs ? 'met' : 'NOT met',
    );
  }
  console.log(`load average at the end: ${load()} (absolute figures under load are not the quiet machine's)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
