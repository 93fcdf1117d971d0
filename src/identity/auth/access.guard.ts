import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../../shared/http/public.decorator';
import { DomainError } from '../../shared/problems/domain-error';
import { UserStates } from '../application/user-states';
import { Role } from '../domain/roles';
import { AccessTokens, invalidSession, missingToken, userDisabled } from './access-tokens';
import { ROLES_KEY } from './roles.decorator';
import { attachSessionUser } from './session-request';
import { SessionUser, hasAnyRole, sessionUserOf } from './session-user';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The global guard (APP_GUARD): every route needs a valid Bearer token (401) unless @Public(), and
 * the roles its @Roles() names (403). The user is loaded from its stream on each request (briefly
 * cached), so a disabled user, a changed role or a reset password takes effect at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly users: UserStates,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<HttpRequest>();
    const user = await this.authenticate(request.headers.authorization);
    attachSessionUser(request, user);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !hasAnyRole(user, roles)) {
      throw new DomainError(
        'forbidden',
        'role-required',
        `无权执行此操作，需要角色：${roles.join('、')} / Not allowed: requires a role of ${roles.join(', ')}`,
      );
    }
    return true;
  }

  private async authenticate(header: string | string[] | undefined): Promise<SessionUser> {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw missingToken();
    const claims = await this.tokens.verify(match[1]);
    const user = await this.users.current(claims.sub);
    if (!user) throw invalidSession();
    if (user.disabled) throw userDisabled();
    if (user.passwordResetAt && claims.iat < Math.floor(Date.parse(user.passwordResetAt) / 1000)) {
      throw new DomainError(
        'unauthorized',
        'session-revoked',
        '密码已重置，请重新登录 / The password was reset; log in again',
      );
    }
    return sessionUserOf(user);
  }
}
