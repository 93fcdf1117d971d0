import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../../shared/clock';
import { DomainError, invalid } from '../../shared/problems/domain-error';
import { requestContext } from '../../shared/http/request-context';
import { CommandOutcome, UserCommands } from '../application/user-commands.service';
import { LoginService } from './login.service';
import { SessionUser, actorOf } from './session-user';

/** The office resets anyone's password; a user changes their own by giving the current one. */
@Injectable()
export class PasswordChanges {
  constructor(
    private readonly commands: UserCommands,
    private readonly login: LoginService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async change(
    by: SessionUser,
    userId: string,
    newPassword: string,
    currentPassword?: string,
  ): Promise<CommandOutcome> {
    if (by.id === userId) {
      await this.confirmCurrent(by, currentPassword);
    } else if (!by.roles.includes('office')) {
      throw new DomainError(
        'forbidden',
        'role-required',
        '只有督查室可以重置他人的密码 / Only the office may reset another user\u2019s password',
      );
    }
    return this.commands.resetPassword(userId, newPassword, requestContext(actorOf(by), this.clock));
  }

  private async confirmCurrent(user: SessionUser, currentPassword: string | undefined): Promise<void> {
    if (!currentPassword) {
      throw invalid('current-password-required', 'currentPassword', '请填写当前密码 / Enter your current password');
    }
    try {
      await this.login.checkPassword(user.username, currentPassword);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'wrong-credentials') {
        throw invalid('wrong-current-password', 'currentPassword', '当前密码错误 / The current password is wrong');
      }
      throw error;
    }
  }
}
