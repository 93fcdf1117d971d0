import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CatalogLookup } from '../../catalog/application/catalog-lookup';
import { ProjectionsService } from '../../projections/projections.service';
import { CLOCK, Clock } from '../../shared/clock';
import { DomainError, notFound } from '../../shared/problems/domain-error';
import { ValidationProblem } from '../../shared/problems/validation-problem';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { requestContext } from '../../shared/http/request-context';
import { CommandOutcome, UserCommands } from '../application/user-commands.service';
import { CurrentUser } from '../auth/current-user.decorator';
import { PasswordChanges } from '../auth/password-change.service';
import { Roles } from '../auth/roles.decorator';
import { SessionUser, actorOf } from '../auth/session-user';
import { SessionUserResponse } from './dto/login.dto';
import {
  ChangePasswordDto,
  ChangeRolesDto,
  CreateUserDto,
  DisableUserDto,
  UserListQuery,
  UserResponse,
} from './dto/user.dto';
import { sessionUserResponse, userFromDocument, userFromOutcome } from './user-responses';
import { UsersReadModel } from '../read-model/users.read-model';

const userId = () =>
  new ParseUUIDPipe({
    exceptionFactory: () => new ValidationProblem([{ field: 'id', message: '用户编号须为 UUID / id must be a UUID' }]),
  });

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '未登录 / Not logged in' })
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly commands: UserCommands,
    private readonly passwords: PasswordChanges,
    private readonly users: UsersReadModel,
    private readonly projections: ProjectionsService,
    private readonly catalog: CatalogLookup,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('office')
  @ApiOperation({ summary: '新建用户 / Create a user' })
  @ApiCreatedResponse({ type: UserResponse })
  async create(
    @Body() body: CreateUserDto,
    @CurrentUser() by: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    await this.assertKnownUnit(body.unitCode);
    const outcome = await this.commands.create(body, this.context(by));
    void reply.header('Location', `/api/users/${outcome.user.id}`);
    return this.afterWrite(outcome);
  }

  @Get()
  @Roles('office', 'auditor')
  @ApiOperation({ summary: '用户列表 / List users' })
  @ApiOkResponse({ type: [UserResponse] })
  async list(@Query() query: UserListQuery): Promise<UserResponse[]> {
    return (await this.users.list(query)).map(userFromDocument);
  }

  @Get('me')
  @ApiOperation({ summary: '当前登录用户 / The logged-in user' })
  @ApiOkResponse({ type: SessionUserResponse })
  me(@CurrentUser() user: SessionUser): SessionUserResponse {
    return sessionUserResponse(user);
  }

  @Get(':id')
  @Roles('office', 'auditor')
  @ApiOperation({ summary: '查看用户 / One user' })
  @ApiOkResponse({ type: UserResponse })
  async get(@Param('id', userId()) id: string): Promise<UserResponse> {
    const doc = await this.users.byId(id);
    if (!doc) throw notFound('user-not-found', '用户不存在 / User not found');
    return userFromDocument(doc);
  }

  @Patch(':id/roles')
  @Roles('office')
  @ApiOperation({ summary: '修改角色与所属单位 / Change roles and unit' })
  @ApiOkResponse({ type: UserResponse })
  async changeRoles(@Param('id', userId()) id: string, @Body() body: ChangeRolesDto, @CurrentUser() by: SessionUser) {
    await this.assertKnownUnit(body.unitCode);
    return this.afterWrite(await this.commands.changeRoles(id, body.roles, body.unitCode ?? null, this.context(by)));
  }

  @Post(':id/disable')
  @Roles('office')
  @HttpCode(200)
  @ApiOperation({ summary: '停用用户（其登录立即失效）/ Disable a user (their sessions stop at once)' })
  @ApiOkResponse({ type: UserResponse })
  async disable(@Param('id', userId()) id: string, @Body() body: DisableUserDto, @CurrentUser() by: SessionUser) {
    return this.afterWrite(await this.commands.disable(id, this.context(by, body.reason)));
  }

  @Post(':id/enable')
  @Roles('office')
  @HttpCode(200)
  @ApiOperation({ summary: '启用用户 / Enable a user' })
  @ApiOkResponse({ type: UserResponse })
  async enable(@Param('id', userId()) id: string, @Body() body: DisableUserDto, @CurrentUser() by: SessionUser) {
    return this.afterWrite(await this.commands.enable(id, this.context(by, body.reason)));
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({
    summary: '重置或修改密码 / Reset a password (office) or change your own (with currentPassword)',
    description: '此前签发的登录凭证随即失效 / Tokens issued before stop working',
  })
  @ApiNoContentResponse()
  async changePassword(
    @Param('id', userId()) id: string,
    @Body() body: ChangePasswordDto,
    @CurrentUser() by: SessionUser,
  ) {
    await this.afterWrite(await this.passwords.change(by, id, body.newPassword, body.currentPassword));
  }

  /** A reporter's or verifier's unit must exist in the catalog, or they could never act for it. */
  private async assertKnownUnit(unitCode: string | null | undefined): Promise<void> {
    if (!unitCode) return;
    try {
      await this.catalog.unit(unitCode);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') {
        throw new ValidationProblem([
          { field: 'unitCode', message: `单位 ${unitCode} 不存在 / unit '${unitCode}' is not in the catalog` },
        ]);
      }
      throw error;
    }
  }

  private context(user: SessionUser, reason?: string): CommandContext {
    return requestContext(actorOf(user), this.clock, reason ? { reason } : {});
  }

  /** Read-your-writes: the users list shows the change once the response arrives. */
  private async afterWrite(outcome: CommandOutcome): Promise<UserResponse> {
    if (outcome.position !== undefined) await this.projections.waitFor(outcome.position);
    return userFromOutcome(outcome);
  }
}
