import { Injectable, Logger } from '@nestjs/common';
import { v7 } from 'uuid';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { executeCommand } from '../../shared/event-sourcing/command-executor';
import { DomainError, conflict } from '../../shared/problems/domain-error';
import { Role } from '../domain/roles';
import { UserCommand } from '../domain/user.commands';
import { decide, userDecider } from '../domain/user.decider';
import { ExistingUser } from '../domain/user.state';
import { userStream } from '../domain/user-stream';
import { normalizeUsername } from '../domain/username';
import { UserCredentialsRepository } from '../persistence/user-credentials.repository';
import { PasswordHasher } from './password-hasher';
import { UserEventStream } from './user-event-stream';
import { UserStates } from './user-states';

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  unitCode?: string | null;
}

export interface CommandOutcome {
  user: ExistingUser;
  /** Stream revision after the command. */
  revision: bigint;
  /** Global position of the last appended event; undefined when the command changed nothing. */
  position?: bigint;
}

/** A username reserved this long ago without a user stream is a leftover of a crash between the two writes. */
const ORPHAN_RESERVATION_SECONDS = 60;

/**
 * Every user command: load the stream → decide → append with the expected revision (the shared
 * executor, which retries conflicts). Passwords only ever reach the hasher and `user_credentials`.
 */
@Injectable()
export class UserCommands {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly stream: UserEventStream,
    private readonly credentials: UserCredentialsRepository,
    private readonly hasher: PasswordHasher,
    private readonly states: UserStates,
  ) {}

  /**
   * Creates a user; 409 when the username is taken. `passwordHash`: the PasswordHasher's hash of
   * `input.password`, when users created together share one password (UsersService.ensureUsersSharingPassword).
   */
  async create(input: NewUser, context: CommandContext, passwordHash?: () => Promise<string>): Promise<CommandOutcome> {
    const userId = v7();
    const username = normalizeUsername(input.username);
    const data = {
      userId,
      username,
      displayName: input.displayName,
      roles: input.roles,
      unitCode: input.unitCode ?? null,
    };
    const command: UserCommand = { type: 'CreateUser', data, ...meta(context) };
    decide(command, userDecider.initialState); // refuse invalid input before spending a hash
    const hash = await (passwordHash ? passwordHash() : this.hasher.hash(input.password));
    await this.reserveUsername(userId, username, hash);
    try {
      return await this.execute(command, context);
    } catch (error) {
      await this.credentials.release(userId);
      throw error;
    }
  }

  /** The user with this username, created if absent; an existing user is left as it is (`passwordHash`: as for create). */
  async ensure(
    input: NewUser,
    context: CommandContext,
    passwordHash?: () => Promise<string>,
  ): Promise<{ user: ExistingUser; created: boolean }> {
    const existing = await this.findByUsername(input.username);
    if (existing) return { user: existing, created: false };
    try {
      return { user: (await this.create(input, context, passwordHash)).user, created: true };
    } catch (error) {
      const raced =
        error instanceof DomainError && error.code === 'username-taken' && (await this.findByUsername(input.username));
      if (raced) return { user: raced, created: false };
      throw error;
    }
  }

  async findByUsername(username: string): Promise<ExistingUser | undefined> {
    const stored = await this.credentials.findByUsername(normalizeUsername(username));
    if (!stored) return undefined;
    const state = await this.stream.load(stored.userId);
    return state.exists ? state : undefined;
  }

  changeRoles(
    userId: string,
    roles: Role[],
    unitCode: string | null,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    return this.execute({ type: 'ChangeUserRoles', data: { userId, roles, unitCode }, ...meta(context) }, context);
  }

  disable(userId: string, context: CommandContext): Promise<CommandOutcome> {
    return this.execute({ type: 'DisableUser', data: { userId }, ...meta(context) }, context);
  }

  enable(userId: string, context: CommandContext): Promise<CommandOutcome> {
    return this.execute({ type: 'EnableUser', data: { userId }, ...meta(context) }, context);
  }

  /** Stores the new hash, then records the reset; sessions issued before now stop working. */
  async resetPassword(userId: string, newPassword: string, context: CommandContext): Promise<CommandOutcome> {
    const passwordHash = await this.hasher.hash(newPassword);
    // Updates nothing for an unknown user, whom the decider then refuses.
    await this.credentials.setPasswordHash(userId, passwordHash);
    return this.execute({ type: 'ResetUserPassword', data: { userId }, ...meta(context) }, context);
  }

  private async execute(command: UserCommand, context: CommandContext): Promise<CommandOutcome> {
    const userId = command.data.userId;
    const result = await executeCommand(this.stream.eventStore, userDecider, userStream(userId), command, context);
    if (!result.state.exists) throw new Error(`user ${userId} does not exist after ${command.type}`);
    if (result.events.length) {
      this.states.forget(userId);
      this.logger.log(`${command.type} ${userId} by ${context.actor.username}`);
    }
    return { user: result.state, revision: result.revision, position: result.position };
  }

  private async reserveUsername(userId: string, username: string, passwordHash: string): Promise<void> {
    if (await this.credentials.reserve({ userId, username, passwordHash })) return;
    const holder = await this.credentials.findByUsername(username);
    const age = await this.credentials.reservationAgeSeconds(username);
    const orphan = holder && !(await this.stream.load(holder.userId)).exists && (age ?? 0) > ORPHAN_RESERVATION_SECONDS;
    if (orphan) {
      this.logger.warn(`username ${username} was reserved by a user never created; reclaiming it`);
      await this.credentials.release(holder.userId);
      if (await this.credentials.reserve({ userId, username, passwordHash })) return;
    }
    throw conflict('username-taken', `用户名“${username}”已被使用 / The username '${username}' is already taken`);
  }
}

const meta = (context: CommandContext) => ({ actorId: context.actor.id, at: context.now.toISOString() });
