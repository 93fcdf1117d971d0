import type { AppConfig } from '../../config/app-config';
import type { AddressInfo } from 'node:net';
import { listeningMessage } from '../../config/listening-message';
import type { Infrastructure } from '../../database/infrastructure';
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
  if (!config.demo || (await infrastructure.eventStore.headPosition()) > 0n) return false;
  log(`空数据库，演示模式：载入演示年度（至 ${config.demoUntilMonth}）/ empty database in demo mode: loading the demo year up to ${config.demoUntilMonth} …`);
  const loading = options.loadingServer ? await startLoadingServer(options.loadingServer.port, options.loadingServer.host) : undefined;
  if (loading && options.loadingServer) {
    const { port } = loading.server.address() as AddressInfo;
    log(`加载期间 / while loading: ${listeningMessage(options.loadingServer.host, port)} answers /health (${LOADING_STATE}) and a loading page`);
  }
  try {
    return await load(config, infrastructure, log);
  } finally {
    await loading?.close();
  }
}

async function load(config: AppConfig, infrastructure: Infrastructure, log: (line: string) => void): Promise<boolean> {
  // Loaded only now, so a server outside demo mode never loads the seeding code.
  const { runDemo } = await import('./demo-loader');
  const { formatDemoSummary } = await import('./demo-summary');
  try {
    const summary = await runDemo({ config, infrastructure }, { untilMonth: config.demoUntilMonth, clockStart: config.clockStart, onProgress: log });
    for (const line of formatDemoSummary(summary)) log(line);
  } catch (error) {
    // The database now holds part of the demo, so the next boot will not start it again: say how to finish.
    log('演示数据未载完 / the demo year did not finish loading: `npm run demo` completes it (it is repeatable)');
    throw error;
  }
  return true;
}
