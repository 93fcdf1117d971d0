import type { CliCommand } from '../../cli';
import { normalizeUsername } from '../domain/username';
import { LoginGuardsRepository } from '../persistence/login-guards.repository';

/**
 * `npm run user:unlock -- <username>`: lifts a login lock from the machine's console, so the office
 * administrator can never be locked out for good by someone guessing at the login page.
 */
export const unlockCommand: CliCommand = {
  usage: '<username>',
  summary: 'lift the login lock of a user (every address)',
  async run(args, context) {
    if (args.length !== 1) {
      context.note('usage: npm run user:unlock -- <username>');
      return 2;
    }
    const username = normalizeUsername(args[0]);
    const { dataSource } = await context.infrastructure();
    const guards = new LoginGuardsRepository(dataSource);
    const before = await guards.view(username, new Date());
    await guards.unlock(username);
    context.out(
      before.locked
        ? `unlocked ${username} (was locked until ${before.lockedUntil})`
        : `${username} was not locked; counters cleared`,
    );
  },
};
