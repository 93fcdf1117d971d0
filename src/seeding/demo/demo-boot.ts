import { spawn } from 'node:child_process';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AppConfig } from '../../config/app-config';
import type { AddressInfo } from 'node:net';
import { listeningMessage } from '../../config/listening-message';
import { openInfrastructure, type Infrastructure } from '../../database/infrastructure';
import { holdsNoDatabase } from '../../database/embedded/embedded-postgres';
import {
  DEMO_LOAD_BY_BOOT,
  demoLoadPending,
  isEmpty,
  markDemoLoadFinished,
  markDemoLoadStarted,
} from './demo-load-marker';
import { LOADING_STATE, startLoadingServer } from './loading-server';

/**
 * Demo mode (DEMO=true, the default outside production): on a database without any event, loads the demo
 * year before the server starts listening, so the first screen shows a year in progress. The server's
 * clock is not touched; the demo runs on its own simulated clock and stops where the server's clock
 * starts (demoHorizon). Returns whether it loaded the demo.
 */
export async function loadDemoOnFirstBoot(
  config: AppConfig,
  infrastructure: Infrastructure,
  options: {
    // Plain lines on stdout: the demo's application context sets Nest's global log levels to errors only.
    log?: (line: string) => void;
    /** Answer on this address while loading (loading-server.ts); closed before returning. */
    loadingServer?: { port: number; host: string };
  } = {},
): Promise<boolean> {
  const log = options.log ?? ((line: string) => console.log(`[Demo] ${line}`));
  if (!config.demo || !(await demoLoadPending(infrastructure))) return false;
  log(await startingLine(config, infrastructure));
  await markDemoLoadStarted(infrastructure.dataSource, config.demoUntilMonth);
  const loading = options.loadingServer
    ? await startLoadingServer(options.loadingServer.port, options.loadingServer.host)
    : undefined;
  if (loading && options.loadingServer) {
    const { port } = loading.server.address() as AddressInfo;
    log(
      `加载期间 / while loading: ${listeningMessage(options.loadingServer.host, port)} answers /health (${LOADING_STATE}) and a loading page`,
    );
  }
  try {
    await load(config, infrastructure, log);
    await markDemoLoadFinished(infrastructure.dataSource);
    return true;
  } finally {
    await loading?.close();
  }
}

/** What the log says as the load begins: a first load, or one that a killed server left unfinished. */
async function startingLine(config: AppConfig, infrastructure: Infrastructure): Promise<string> {
  return (await isEmpty(infrastructure)) ? emptyDatabaseLine(config) : unfinishedLoadLine(config);
}

function emptyDatabaseLine(config: AppConfig): string {
  return `空数据库，演示模式：载入演示年度（至 ${config.demoUntilMonth}）/ empty database in demo mode: loading the demo year up to ${config.demoUntilMonth} …`;
}

function unfinishedLoadLine(config: AppConfig): string {
  return `上次演示数据未载完，继续载入（至 ${config.demoUntilMonth}）/ the last demo load did not finish: loading the demo year up to ${config.demoUntilMonth} again (what is recorded stays) …`;
}

async function load(config: AppConfig, infrastructure: Infrastructure, log: (line: string) => void): Promise<void> {
  // Loaded only now, so a server outside demo mode never loads the seeding code.
  const { runDemo } = await import('./demo-loader');
  const { formatDemoSummary } = await import('./demo-summary');
  try {
    const summary = await runDemo(
      { config, infrastructure },
      { untilMonth: config.demoUntilMonth, clockStart: config.clockStart, onProgress: log },
    );
    for (const line of formatDemoSummary(summary)) log(line);
  } catch (error) {
    // The database now holds part of the demo, so the next boot will not start it again: say how to finish.
    log('演示数据未载完 / the demo year did not finish loading: `npm run demo` completes it (it is repeatable)');
    throw error;
  }
}

/**
 * Opens the server's infrastructure after loading the demo year if it is due (as loadDemoOnFirstBoot). On the
 * embedded database the year loads in a child process (the `demo` command), with this process's loading page
 * answering meanwhile; then the database is opened for the server. Loading a year grows the embedded engine's
 * memory, which a process never gives back: the server then starts as lean as on any later boot. On a data
 * directory without a database this process does not open it before the child (the child creates it): an
 * engine opened and closed here would stay in this process's memory too.
 */
export async function openLoadingDemoOnFirstBootApart(
  config: AppConfig,
  options: { log?: (line: string) => void; loadingServer?: { port: number; host: string } } = {},
): Promise<Infrastructure> {
  if (config.databaseUrl) {
    const infrastructure = await openInfrastructure(config);
    await loadDemoOnFirstBoot(config, infrastructure, options);
    return infrastructure;
  }
  const log = options.log ?? ((line: string) => console.log(`[Demo] ${line}`));
  // With events in EventStoreDB a new data directory does not mean no events: ask the store.
  if (config.demo && !config.eventStoreConnectionString && holdsNoDatabase(config.dataDir)) {
    log(emptyDatabaseLine(config));
    return loadApartThenOpen(config, log, options.loadingServer);
  }
  const infrastructure = await openInfrastructure(config);
  if (!config.demo || !(await demoLoadPending(infrastructure))) return infrastructure;
  log(await startingLine(config, infrastructure));
  await infrastructure.close(); // the child opens the embedded database (one process at a time)
  return loadApartThenOpen(config, log, options.loadingServer);
}

async function loadApartThenOpen(
  config: AppConfig,
  log: (line: string) => void,
  loadingServer: { port: number; host: string } | undefined,
): Promise<Infrastructure> {
  const loading = loadingServer ? await startLoadingServer(loadingServer.port, loadingServer.host) : undefined;
  if (loading && loadingServer) {
    const { port } = loading.server.address() as AddressInfo;
    log(
      `加载期间 / while loading: ${listeningMessage(loadingServer.host, port)} answers /health (${LOADING_STATE}) and a loading page`,
    );
  }
  try {
    await runDemoCommand(config, log);
    const reopened = await openInfrastructure(config);
    await markDemoLoadFinished(reopened.dataSource);
    return reopened;
  } finally {
    await loading?.close();
  }
}

/** `demo <month>` in a child process of the same runtime (compiled, or ts-node from the sources), its lines relayed. */
async function runDemoCommand(config: AppConfig, log: (line: string) => void): Promise<void> {
  const fromSources = extname(__filename) === '.ts';
  const cli = join(__dirname, '..', '..', `cli${extname(__filename)}`);
  const args = [...(fromSources ? ['-r', 'ts-node/register/transpile-only'] : []), cli, 'demo', config.demoUntilMonth];
  // With an IPC channel the child knows when this process is gone (even by kill -9) and exits with it (exit-with-parent.ts).
  // DEMO_LOAD_BY_BOOT: the child records the load as started (demo-load-marker.ts) once it has the database open.
  const env = { ...process.env, [DEMO_LOAD_BY_BOOT]: '1' };
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.channel?.unref();
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', log);
  const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
  if (code !== 0) {
    log(
      '演示数据未载完 / the demo year did not finish loading: the next start loads it again, or `npm run demo` completes it (it is repeatable)',
    );
    throw new Error(`the demo year did not load (exit code ${code})`);
  }
}
