import 'reflect-metadata';
import type { AppConfig } from './config/app-config';
import { loadConfig } from './config/load-config';
import type { Infrastructure, InfrastructureSettings } from './database/infrastructure';

/**
 * The command line (命令行): `ts-node src/cli.ts <command> [args]`, or `npm run <script>`.
 *
 * Each capability keeps its commands in its own folder (`src/<capability>/cli/*.cli.ts`, or beside the
 * code they drive) exporting a `CliCommand`; adding one is one line in COMMANDS below. Commands are
 * loaded only when run, so one command's dependencies never slow down or break another.
 */
export interface CliCommand {
  /** Arguments after the command name, for the help, e.g. `[name…]`. */
  usage?: string;
  /** One line for the help. */
  summary: string;
  /** Returns the exit code (0 when nothing is returned); throw for an error, its message is printed. */
  run(args: string[], context: CliContext): Promise<number | void>;
}

export interface CliContext {
  /** config/*.json and the environment, validated (loaded on first use). */
  config(): AppConfig;
  /**
   * The configured database (PostgreSQL, or the embedded one in DATA_DIR) and event store, opened on
   * first use and closed when the command ends. The embedded database refuses while a server has it open.
   */
  infrastructure(overrides?: Partial<InfrastructureSettings>): Promise<Infrastructure>;
  /** Prints a line of the command's output (stdout). */
  out(line: string): void;
  /** Prints progress or a warning (stderr). */
  note(line: string): void;
}

type CommandLoader = () => Promise<CliCommand>;

const COMMANDS: Record<string, CommandLoader> = {
  migrate: async () => migrateCommand,
  'projections:rebuild': async () =>
    (await import('./projections/rebuild/rebuild.cli')).rebuildCommand(async (context) =>
      (await import('./app.module')).AppModule.register({
        config: context.config(),
        infrastructure: await context.infrastructure(),
      }),
    ),
  seed: async () => (await import('./seeding/seed.cli')).seedCommand,
  demo: async () => (await import('./seeding/demo/demo.cli')).demoCommand,
  'plan:export': async () => (await import('./seeding/workbook/plan-export.cli')).planExportCommand,
  'user:unlock': async () => (await import('./identity/cli/unlock.cli')).unlockCommand,
};

const migrateCommand: CliCommand = {
  summary: 'run the pending database migrations and exit',
  async run(_args, context) {
    const { dataSource } = await context.infrastructure({ migrateOnBoot: false });
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    context.out(ran.length ? `ran ${ran.map((m) => m.name).join(', ')}` : 'no pending migrations');
  },
};

async function usage(out: (line: string) => void): Promise<void> {
  out('usage: ts-node src/cli.ts <command> [args]   (npm run migration:run, npm run projections:rebuild [name])');
  out('commands:');
  for (const [name, load] of Object.entries(COMMANDS)) {
    const command = await load().catch(() => undefined);
    out(`  ${`${name} ${command?.usage ?? ''}`.trim().padEnd(32)} ${command?.summary ?? '(could not be loaded)'}`);
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const out = (line: string) => console.log(line);
  const note = (line: string) => console.error(line);
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    await usage(out);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    note(`unknown command '${name}'`);
    await usage(note);
    return 2;
  }
  let config: AppConfig | undefined;
  let opened: Infrastructure | undefined;
  const context: CliContext = {
    config() {
      // Loaded on first use, so `help` works without a valid configuration.
      config ??= loadConfig();
      return config;
    },
    async infrastructure(overrides = {}) {
      if (!opened) {
        const { openInfrastructure } = await import('./database/infrastructure');
        opened = await openInfrastructure({ ...context.config(), ...overrides });
      }
      return opened;
    },
    out,
    note,
  };
  try {
    const command = await load();
    return (await command.run(args, context)) ?? 0;
  } catch (error) {
    note(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await opened
      ?.close()
      .catch((error: unknown) => note(`closing: ${error instanceof Error ? error.message : String(error)}`));
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
