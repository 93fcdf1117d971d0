/**
 * `npm run bench:first-start`: the first `npm start` on an empty embedded database (the demo year is
 * loaded before the product answers) and the server's resident memory with the demo loaded, after it
 * has served the first screens; then a restart on the same data. With DATABASE_URL, the same on a fresh
 * PostgreSQL database (the demo loaded by `npm run demo`, then the server started on it).
 *
 * It runs what `npm start` runs: the build steps (web and server, when stale), then `node dist/main.js`
 * in a child process whose memory is read from /proc. Prints the figures beside the goals and the load.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../../src/seeding/demo/demo-users';
import { createPostgresTestDatabase } from '../support/test-databases';

const ROOT = join(__dirname, '..', '..');
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const BASE = `http://127.0.0.1:${PORT}`;

interface Run {
  label: string;
  secondsToServe: number;
  /** CPU seconds (user + system) of the server and the children it waited for (the demo load), until it served. */
  cpuSeconds: number;
  rssMb: number;
  peakMb: number;
}

/** utime + stime + cutime + cstime of a process, in seconds (/proc/PID/stat; clock ticks of 1/100 s on Linux). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may hold spaces: state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0); // fields 14–17 of stat(5)
  return ticks / 100;
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function serving(child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      const ready = await fetch(`${BASE}/health/ready`);
      // /health/ready answers 503 while the demo loads (the loading page), 200 once the product serves.
      if (ready.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not serve in time');
}

/** What a newcomer's first minute asks for: login, dashboard, targets, completion, warnings. */
async function firstScreens(): Promise<void> {
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-office', password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${accessToken}` };
  for (const path of [
    '/api/dashboard?planCode=jiading-2021',
    '/api/targets?planCode=jiading-2021',
    '/api/completion?planCode=jiading-2021',
    '/api/warnings?planCode=jiading-2021&state=all&limit=500',
    '/',
  ]) {
    const response = await fetch(`${BASE}${path}`, { headers });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    await response.arrayBuffer();
  }
}

async function startServer(label: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await serving(child, timeoutMs);
    const secondsToServe = (Date.now() - started) / 1000;
    const cpuSeconds = cpuSecondsOf(child.pid!);
    console.log(
      `${label}: serves after ${secondsToServe.toFixed(1)} s, ${cpuSeconds.toFixed(1)} s CPU (load ${loadavg()[0].toFixed(1)})`,
    );
    await firstScreens();
    return { label, secondsToServe, cpuSeconds, ...memoryOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  // What `npm start` runs first (prestart): both builds when stale.
  execFileSync(process.execPath, ['web/scripts/build-if-stale.js'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-server-if-stale.js'], { cwd: ROOT, stdio: 'inherit' });
  const { DATABASE_URL: postgresUrl, ...inherited } = process.env;
  const base = {
    ...inherited,
    NODE_ENV: 'development',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DEMO: 'true',
  };
  const runs: Run[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-first-start-'));
  try {
    const embedded = { ...base, DATA_DIR: dataDir };
    runs.push(await startServer('embedded: first start (demo year loaded)', embedded, 60 * 60_000));
    runs.push(await startServer('embedded: restart on the loaded demo', embedded, 10 * 60_000));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (postgresUrl) {
    const database = await createPostgresTestDatabase(postgresUrl);
    try {
      const env = { ...base, DATABASE_URL: database.url };
      const loaded = Date.now();
      const cpuBefore = childrenCpuSeconds();
      execFileSync(process.execPath, ['dist/cli.js', 'demo'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      // The demo command's own CPU (a waited-for child: counted in this process's children's time).
      const children = childrenCpuSeconds() - cpuBefore;
      console.log(
        `PostgreSQL: npm run demo took ${((Date.now() - loaded) / 1000).toFixed(0)} s, ${children.toFixed(1)} s CPU of the command (the database server's own not counted)`,
      );
      runs.push(await startServer('PostgreSQL: start on the loaded demo', env, 10 * 60_000));
    } finally {
      await database.drop();
    }
  }
  console.log(
    `\nFirst start and memory, ${new Date().toISOString().slice(0, 16)}Z, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(['measurement'.padEnd(46), 'serves after', 'CPU until then', 'RSS MB', 'peak MB'].join('  '));
  for (const r of runs)
    console.log(
      [
        r.label.padEnd(46),
        `${r.secondsToServe.toFixed(1)} s`.padStart(12),
        `${r.cpuSeconds.toFixed(1)} s`.padStart(14),
        r.rssMb.toFixed(0).padStart(6),
        r.peakMb.toFixed(0).padStart(7),
      ].join('  '),
    );
  console.log(
    'goals: first start ≤ 30 s; resident memory with the demo loaded ≤ 500 MB embedded, ≤ 250 MB on PostgreSQL',
  );
}

/** CPU seconds of this process's waited-for children so far (cutime + cstime of /proc/self/stat). */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
