import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config';
import { CLOCK, Clock } from '../../shared/clock';
import { DomainError } from '../../shared/problems/domain-error';

export interface AccessTokenClaims {
  /** The user id. */
  sub: string;
  /** Issued at, seconds since the epoch (from the injected clock). */
  iat: number;
  exp: number;
}

export interface IssuedToken {
  accessToken: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

/**
 * The HMAC key for HS256, built once. Given a string, jsonwebtoken first tries it as a PEM key on every
 * sign and verify (and throws inside); a secret KeyObject goes straight to the HMAC.
 */
export function hmacKeyOf(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

/** Short-lived HS256 access tokens, timed by the injected clock so expiry is testable. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(userId: string): Promise<IssuedToken> {
    const iat = this.nowSeconds();
    const expiresIn = this.config.accessTokenTtlSeconds;
    const accessToken = await this.jwt.signAsync({ sub: userId, iat, exp: iat + expiresIn });
    return { accessToken, expiresIn };
  }

  /** @throws DomainError 'unauthorized' when the token is malformed, tampered with, or expired. */
  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessTokenClaims>>(token, {
        clockTimestamp: this.nowSeconds(),
      });
      if (typeof claims.sub !== 'string' || typeof claims.iat !== 'number' || typeof claims.exp !== 'number') {
        throw new Error('incomplete claims');
      }
      return claims as AccessTokenClaims;
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new DomainError(
          'unauthorized',
          'token-expired',
          '登录已过期，请重新登录 / Your session has expired; log in again',
        );
      }
      throw invalidSession();
    }
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

export const invalidSession = () =>
  new DomainError('unauthorized', 'invalid-token', '登录凭证无效，请重新登录 / Invalid access token; log in again');

export const missingToken = () =>
  new DomainError('unauthorized', 'missing-token', '请先登录 / Log in first: send Authorization: Bearer <token>');

export const userDisabled = () =>
  new DomainError(
    'unauthorized',
    'user-disabled',
    '账户已停用，请联系督查室 / This account is disabled; contact the supervision office',
  );
