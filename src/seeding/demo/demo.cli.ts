import type { CliCommand } from '../../cli';
import { DEMO_LOAD_BY_BOOT, markDemoLoadStarted } from './demo-load-marker';
import { runDemo } from './demo-loader';
import { formatDemoSummary } from './demo-summary';
import { exitWithParent } from './exit-with-parent';

/**
 * `npm run demo`: loads the demo year (Jiading 2021 plan and key tasks, synthetic monthly progress up to
 * DEMO_UNTIL_MONTH, demo users) into the configured database. Repeatable: a second run appends nothing.
 */
export const demoCommand: CliCommand = {
  usage: '[YYYY-MM]',
  summary: 'load the demo year (synthetic 2021 progress, demo users) up to DEMO_UNTIL_MONTH or the month given',
  async run(args, context) {
    const config = context.config();
    const untilMonth = args[0] ?? config.demoUntilMonth;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(untilMonth)) {
      context.note(`usage: npm run demo [-- YYYY-MM]; got '${untilMonth}'`);
      return 2;
    }
    // Started by the first boot (demo-boot.ts): never outlive it, nor hold the database after it.
    exitWithParent();
    const infrastructure = await context.infrastructure();
    if (process.env[DEMO_LOAD_BY_BOOT] === '1') await markDemoLoadStarted(infrastructure.dataSource, untilMonth);
    const summary = await runDemo(
      { config, infrastructure },
      { untilMonth, clockStart: config.clockStart, onProgress: context.note },
    );
    for (const line of formatDemoSummary(summary)) context.out(line);
  },
};
