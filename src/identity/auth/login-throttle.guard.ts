import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import { RateLimitStorage } from '../persistence/rate-limit.storage';

/**
 * Login attempts allowed per client address per minute, whatever the usernames tried (against
 * password spraying and argon2 CPU exhaustion; guessing one username is stopped by the lockout).
 * Behind a reverse proxy every client shares the proxy's address, hence a generous limit.
 */
export const LOGIN_ATTEMPTS_PER_MINUTE = 60;

/**
 * Rate limit for the login route only (@nestjs/throttler with its own options, so it neither needs
 * nor affects a ThrottlerModule another capability may configure), counted in PostgreSQL so it holds
 * across instances and restarts. 429 when exceeded.
 */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  private readonly throttler: ThrottlerGuard;
  private initialised?: Promise<void>;

  constructor(storage: RateLimitStorage) {
    this.throttler = new ThrottlerGuard(
      {
        throttlers: [{ name: 'login', ttl: 60_000, limit: LOGIN_ATTEMPTS_PER_MINUTE }],
        errorMessage: '登录请求过于频繁，请稍后再试 / Too many login attempts from this address; try again later',
      },
      storage,
      new Reflector(),
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    this.initialised ??= this.throttler.onModuleInit();
    await this.initialised;
    return this.throttler.canActivate(context);
  }
}
