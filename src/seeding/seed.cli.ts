import type { CliCommand } from '../cli';
import { withAppContext } from './app-context';
import { formatImportSummary } from './import/import-summary';
import { importPlanDirectories } from './import/importer';

/**
 * `npm run seed -- <plan dir>…`: imports plan directories (seeds/README.md) through the same commands
 * as the API, as the import actor. Repeatable: a second run appends nothing and reports every entity
 * as unchanged. `--details` lists every refused and adapted entity instead of the first few.
 */
export const seedCommand: CliCommand = {
  usage: '<plan dir>… [--details]',
  summary: 'import plan directories (e.g. seeds/jiading-2021) through the API commands; repeatable',
  async run(args, context) {
    const details = args.includes('--details');
    const dirs = args.filter((a) => a !== '--details');
    if (!dirs.length) {
      context.note('usage: npm run seed -- <plan dir> [<plan dir> …] [--details]   e.g. npm run seed -- seeds/jiading-2021 seeds/jiading-2021-key-tasks');
      return 2;
    }
    const config = context.config();
    const infrastructure = await context.infrastructure();
    const summary = await withAppContext({ config, infrastructure }, (app) =>
      importPlanDirectories(app, dirs, {
        onProgress: context.note,
        concurrency: 8, // separate streams; even the embedded database's one connection is kept busier (3× faster)
      }),
    );
    for (const line of formatImportSummary(summary, { details })) context.out(line);
  },
};
