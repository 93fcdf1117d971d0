import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock } from '../../shared/clock';
import { notFound } from '../../shared/problems/domain-error';
import { ValidationProblem } from '../../shared/problems/validation-problem';
import { Roles } from '../auth/roles.decorator';
import { LockoutView, LoginGuardsRepository } from '../persistence/login-guards.repository';
import { UserStates } from '../application/user-states';

const userId = () =>
  new ParseUUIDPipe({
    exceptionFactory: () => new ValidationProblem([{ field: 'id', message: '用户编号须为 UUID / id must be a UUID' }]),
  });

/** A user's login lock (登录锁定), seen and lifted by the office. */
@ApiTags('users')
@Roles('office')
@Controller('api/users/:id')
export class LockoutsController {
  constructor(
    private readonly guards: LoginGuardsRepository,
    private readonly users: UserStates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('lockout')
  @ApiOperation({ summary: '登录锁定状态 / Whether the user is locked out of logging in, and until when' })
  @ApiOkResponse({ description: '`{ locked, lockedUntil, failures }`' })
  async view(@Param('id', userId()) id: string): Promise<LockoutView> {
    return this.guards.view(await this.username(id), this.clock.now());
  }

  @Post('unlock')
  @HttpCode(200)
  @ApiOperation({ summary: '解除登录锁定 / Lift the login lock of the user (every address)' })
  @ApiOkResponse({ description: 'The lockout state afterwards' })
  async unlock(@Param('id', userId()) id: string): Promise<LockoutView> {
    const username = await this.username(id);
    await this.guards.unlock(username);
    return this.guards.view(username, this.clock.now());
  }

  private async username(id: string): Promise<string> {
    const user = await this.users.current(id);
    if (!user) throw notFound('user-not-found', '用户不存在 / No such user');
    return user.username;
  }
}
