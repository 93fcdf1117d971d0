import type { DynamicModule, Type } from '@nestjs/common';
import type { CliCommand, CliContext } from '../../cli';
import { poolOf } from '../../database/data-source';
import { projectionsOf } from '../registry';
import { rebuildProjection } from './projection-rebuild';

/**
 * `npm run projections:rebuild [name…]`: rebuilds the named projections (all registered ones when none
 * is named) against the configured database, while a server on the same PostgreSQL keeps answering
 * from the old tables until each swap. (The embedded database is open in one process only: stop the
 * server first, or let it rebuild by itself by bumping the projection's version.)
 */
export const rebuildCommand = (application: (context: CliContext) => Promise<Type | DynamicModule>): CliCommand => ({
  usage: '[name…]',
  summary: 'replay the log into fresh read-model tables and swap them in',
  async run(args, context) {
    // The projections the application's modules register, read from their metadata (nothing starts).
    const registered = projectionsOf(await application(context));
    const known = new Map(registered.map((p) => [p.name, p]));
    const unknown = args.filter((name) => !known.has(name));
    if (unknown.length) {
      context.note(
        `unknown projection ${unknown.map((n) => `'${n}'`).join(', ')}; registered: ${[...known.keys()].join(', ')}`,
      );
      return 2;
    }
    const chosen = args.length ? args.map((name) => known.get(name)!) : registered;
    const { dataSource, eventStore } = await context.infrastructure();
    const pool = poolOf(dataSource);
    for (const projection of chosen) {
      let lastNote = Date.now();
      const result = await rebuildProjection(projection, pool, eventStore, {
        logger: { log: context.note, warn: context.note },
        onProgress: ({ events, position }) => {
          if (Date.now() - lastNote < 2000) return;
          lastNote = Date.now();
          context.note(`  ${projection.name}: ${events} events, at ${position}`);
        },
      });
      context.out(
        `rebuilt ${result.name} (v${result.version}): ${result.events} events in ${result.seconds.toFixed(2)} s ` +
          `(${Math.round(result.eventsPerSecond)} events/s), checkpoint ${result.position}` +
          (result.quarantined
            ? `; ${result.quarantined} events it could not apply are in the quarantine (GET /api/quarantine)`
            : ''),
      );
    }
  },
});
