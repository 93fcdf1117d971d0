import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { applicationClock } from './config/application-clock';
import { listeningMessage } from './config/listening-message';
import { loadConfig } from './config/load-config';
import { openLoadingDemoOnFirstBootApart } from './seeding/demo/demo-boot';

async function main(): Promise<void> {
  const config = loadConfig();
  // Demo mode on a database without events: the demo year first, on its own simulated clock (src/seeding/demo),
  // while a loading page answers on the port (on the embedded database, in a child process).
  const infrastructure = await openLoadingDemoOnFirstBootApart(config, {
    loadingServer: { port: config.port, host: config.host },
  });
  const clock = applicationClock(config, infrastructure.databaseKind, await infrastructure.eventStore.lastRecordedAt());
  const app = await createApp({ config, infrastructure, clock });
  const logger = new Logger('Main');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: finishing requests in flight, then stopping`);
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs);
    force.unref();
    await app.close();
    await infrastructure.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen(config.port, config.host);
  const where = infrastructure.databaseKind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(
    `目标责任督查系统已启动 / ${listeningMessage(config.host, port)} (${where}, events: ${infrastructure.eventStore.kind})`,
  );
  if (clock.now().getFullYear() !== new Date().getFullYear())
    logger.warn(`模拟时钟 / simulated clock: now is ${clock.now().toISOString()}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
