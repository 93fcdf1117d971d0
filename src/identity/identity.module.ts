import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CatalogModule } from '../catalog/catalog.module';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { jwtSecretOf } from '../config/jwt-secret';
import { AdministratorBootstrap } from './application/administrator-bootstrap';
import { PasswordHasher } from './application/password-hasher';
import { UserCommands } from './application/user-commands.service';
import { UserEventStream } from './application/user-event-stream';
import { UserStates } from './application/user-states';
import { UsersService } from './application/users.service';
import { AccessTokens, hmacKeyOf } from './auth/access-tokens';
import { AccessGuard } from './auth/access.guard';
import { LoginThrottleGuard } from './auth/login-throttle.guard';
import { LoginService } from './auth/login.service';
import { PasswordChanges } from './auth/password-change.service';
import { AuthController } from './http/auth.controller';
import { UsersController } from './http/users.controller';
import { LoginGuardsRepository } from './persistence/login-guards.repository';
import { RateLimitStorage } from './persistence/rate-limit.storage';
import { LockoutsController } from './http/lockouts.controller';
import { UserCredentialsRepository } from './persistence/user-credentials.repository';
import { UsersReadModel } from './read-model/users.read-model';
import { registersProjections } from '../projections/registry';
import { usersProjection } from './read-model/users.projection';

function signingSecret(config: AppConfig): string {
  const { secret, source, file } = jwtSecretOf(config);
  if (source === 'generated')
    new Logger('Identity').warn(
      `JWT_SECRET is not set: generated one and kept it in ${file} (set JWT_SECRET in production)`,
    );
  return secret;
}

/**
 * Users, login and authorization: the global AccessGuard makes every route need a session unless
 * @Public(), and checks @Roles(). Exports UsersService (ensureUser) for seeding.
 */
@Module({
  imports: [
    CatalogModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: hmacKeyOf(signingSecret(config)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController, LockoutsController],
  providers: [
    registersProjections(usersProjection),
    UserEventStream,
    UserStates,
    UserCredentialsRepository,
    LoginGuardsRepository,
    RateLimitStorage,
    PasswordHasher,
    UserCommands,
    UsersService,
    UsersReadModel,
    AccessTokens,
    LoginService,
    PasswordChanges,
    LoginThrottleGuard,
    AdministratorBootstrap,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [UsersService],
})
export class IdentityModule {}
