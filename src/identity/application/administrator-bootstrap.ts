import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CLOCK, Clock } from '../../shared/clock';
import { canonicalRoles } from '../domain/roles';
import { normalizeUsername } from '../domain/username';
import { UserCredentialsRepository } from '../persistence/user-credentials.repository';
import { SYSTEM_ACTOR } from '../../shared/event-sourcing/command-context';
import { requestContext } from '../../shared/http/request-context';
import { PasswordHasher } from './password-hasher';
import { UserCommands } from './user-commands.service';

const REASON = '按 ADMIN_USERNAME / ADMIN_PASSWORD 配置 / from ADMIN_USERNAME and ADMIN_PASSWORD';

export const ADMINISTRATOR_DISPLAY_NAME = '督查室管理员 / Office administrator';

/**
 * With ADMIN_USERNAME and ADMIN_PASSWORD set, makes sure at boot that this office administrator
 * exists, is enabled, holds the office role and has that password (reset when it differs).
 * Acts as the system actor; an unchanged administrator produces no events.
 */
@Injectable()
export class AdministratorBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly config: AppConfig,
    private readonly commands: UserCommands,
    private readonly credentials: UserCredentialsRepository,
    private readonly hasher: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminUsername, adminPassword } = this.config;
    if (!adminUsername || !adminPassword) return;
    const context = () => requestContext(SYSTEM_ACTOR, this.clock, { reason: REASON });
    const { user, created } = await this.commands.ensure(
      { username: adminUsername, password: adminPassword, displayName: ADMINISTRATOR_DISPLAY_NAME, roles: ['office'] },
      context(),
    );
    if (created) {
      this.logger.log(`administrator ${user.username} created`);
      return;
    }
    const stored = await this.credentials.findByUsername(normalizeUsername(adminUsername));
    if (!stored || !(await this.hasher.verify(stored.passwordHash, adminPassword))) {
      await this.commands.resetPassword(user.id, adminPassword, context());
      this.logger.log(`administrator ${user.username}: password reset from ADMIN_PASSWORD`);
    }
    if (!user.roles.includes('office')) {
      await this.commands.changeRoles(user.id, canonicalRoles([...user.roles, 'office']), user.unitCode, context());
      this.logger.log(`administrator ${user.username}: office role restored`);
    }
    if (user.disabled) {
      await this.commands.enable(user.id, context());
      this.logger.log(`administrator ${user.username}: enabled`);
    }
  }
}
