import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '../../shared/clock';
import { DomainError } from '../../shared/problems/domain-error';
import { PasswordHasher } from '../application/password-hasher';
import { UserStates } from '../application/user-states';
import { guardsFor } from '../domain/login-lockout';
import { normalizeUsername } from '../domain/username';
import { LoginGuardsRepository } from '../persistence/login-guards.repository';
import { UserCredentialsRepository } from '../persistence/user-credentials.repository';
import { AccessTokens, IssuedToken, userDisabled } from './access-tokens';
import { SessionUser, sessionUserOf } from './session-user';

export interface LoginResult extends IssuedToken {
  user: SessionUser;
}

/** Too many failed attempts for this username: 429 with Retry-After, the same whether the user exists or not. */
export class LoginLockedError extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试 / ` +
        `Too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

export const wrongCredentials = () =>
  new DomainError('unauthorized', 'wrong-credentials', '用户名或密码错误 / Wrong username or password');

/** Username + password → access token, with the per-username lockout. */
@Injectable()
export class LoginService {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly credentials: UserCredentialsRepository,
    private readonly guards: LoginGuardsRepository,
    private readonly hasher: PasswordHasher,
    private readonly users: UserStates,
    private readonly tokens: AccessTokens,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `address`: the client's address (the lockout counts per username and address, per username, per address). */
  async login(rawUsername: string, password: string, address = 'local'): Promise<LoginResult> {
    const username = normalizeUsername(rawUsername);
    const userId = await this.checkPassword(username, password, address);
    const user = await this.users.current(userId);
    if (!user) throw wrongCredentials();
    if (user.disabled) throw userDisabled();
    const token = await this.tokens.issue(user.id);
    this.logger.log(`login ${username}`);
    return { ...token, user: sessionUserOf(user) };
  }

  /**
   * The user id when the password is right; otherwise counts a failure and refuses (401), or 429 while
   * a guard of the attempt is locked. The attempt is counted before the password is checked, so
   * concurrent attempts are held to the limit too. Also used to confirm the current password before
   * a user changes it.
   */
  async checkPassword(username: string, password: string, address = 'local'): Promise<string> {
    const now = this.clock.now();
    const guards = guardsFor(username, address);
    const reserved = await this.guards.reserve(guards, now);
    if (!reserved.admitted)
      throw new LoginLockedError(Math.max(1, Math.ceil((reserved.until.getTime() - now.getTime()) / 1000)));
    const stored = await this.credentials.findByUsername(username);
    const valid = stored
      ? await this.hasher.verify(stored.passwordHash, password)
      : await this.hasher.verifyDecoy(password);
    if (!stored || !valid) {
      const record = await this.guards.failed(guards, now);
      // An unknown "username" may be a password typed in the wrong field: it is not logged.
      const who = stored ? username : '(unknown username)';
      this.logger.warn(
        `failed login for ${who} from ${address} (${record?.failures ?? 1} in a row${record?.lockedUntil ? ', now locked' : ''})`,
      );
      throw wrongCredentials();
    }
    await this.guards.succeeded(guards);
    return stored.userId;
  }
}
