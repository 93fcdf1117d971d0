import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../../event-store/event-store.port';
import { CLOCK, Clock } from '../../shared/clock';
import { ExistingUser } from '../domain/user.state';
import { SYSTEM_ACTOR } from '../../shared/event-sourcing/command-context';
import { requestContext } from '../../shared/http/request-context';
import { PasswordHasher } from './password-hasher';
import { NewUser, UserCommands } from './user-commands.service';

/** What other capabilities (seeding, the CLI) may ask of identity. */
@Injectable()
export class UsersService {
  constructor(
    private readonly commands: UserCommands,
    private readonly hasher: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Creates the user, or leaves an existing user with this username exactly as it is (password,
   * roles and all). Does not wait for the `users` read model.
   */
  ensureUser(input: NewUser, actor: Actor = SYSTEM_ACTOR): Promise<{ user: ExistingUser; created: boolean }> {
    return this.commands.ensure(input, requestContext(actor, this.clock));
  }

  /** As ensureUser for each, in order, with one password for all: hashed once, its hash kept for every user created. */
  async ensureUsersSharingPassword(
    inputs: ReadonlyArray<Omit<NewUser, 'password'>>,
    password: string,
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<Array<{ user: ExistingUser; created: boolean }>> {
    let hash: Promise<string> | undefined;
    const sharedHash = () => (hash ??= this.hasher.hash(password));
    const ensured: Array<{ user: ExistingUser; created: boolean }> = [];
    for (const input of inputs) {
      ensured.push(await this.commands.ensure({ ...input, password }, requestContext(actor, this.clock), sharedHash));
    }
    return ensured;
  }

  findByUsername(username: string): Promise<ExistingUser | undefined> {
    return this.commands.findByUsername(username);
  }
}
