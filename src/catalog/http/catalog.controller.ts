import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../identity/auth/roles.decorator';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { SessionUser, actorOf } from '../../identity/auth/session-user';
import { ProjectionsService } from '../../projections/projections.service';
import { CLOCK, Clock } from '../../shared/clock';
import { requestContext } from '../../shared/http/request-context';
import { CatalogQueries } from '../read-model/catalog.queries';
import {
  CreatePlanCommand,
  DefineIndicatorCommand,
  RegisterUnitCommand,
  WriteResult,
} from '../application/catalog.commands';
import { CreateIndicatorDto, CreatePlanDto, CreateUnitDto } from './catalog.dto';

const READERS = ['office', 'unit', 'verifier', 'leader', 'auditor'] as const;

/** Units (单位), plans (计划) and indicators (指标). The office maintains them; every role reads them. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller('api')
export class CatalogController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: CatalogQueries,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('units')
  @ApiOperation({ summary: '登记责任单位 / Register a responsible unit' })
  @ApiCreatedResponse({ description: 'Created' })
  @Roles('office')
  async createUnit(@Body() body: CreateUnitDto, @CurrentUser() user: SessionUser) {
    await this.write(new RegisterUnitCommand({ ...body }, requestContext(actorOf(user), this.clock)));
    return this.queries.unit(body.code);
  }

  @Get('units')
  @ApiOperation({ summary: '责任单位列表 / List the units' })
  @ApiOkResponse({ description: 'The units' })
  @Roles(...READERS)
  units() {
    return this.queries.units();
  }

  @Post('plans')
  @ApiOperation({ summary: '创建年度计划（含计划设置）/ Create an annual plan (with its settings)' })
  @ApiCreatedResponse({ description: 'The plan, its settings complete with defaults' })
  @Roles('office')
  async createPlan(@Body() body: CreatePlanDto, @CurrentUser() user: SessionUser) {
    await this.write(new CreatePlanCommand({ ...body }, requestContext(actorOf(user), this.clock)));
    return this.queries.plan(body.code);
  }

  @Get('plans')
  @ApiOperation({ summary: '年度计划列表 / List the plans' })
  @ApiOkResponse({ description: 'The plans, newest year first' })
  @Roles(...READERS)
  plans() {
    return this.queries.plans();
  }

  @Get('plans/:code')
  @ApiOperation({ summary: '查看计划及其设置 / Read a plan and its settings' })
  @ApiOkResponse({ description: 'The plan, its settings complete with defaults' })
  @Roles(...READERS)
  plan(@Param('code') code: string) {
    return this.queries.plan(code);
  }

  @Post('plans/:code/indicators')
  @ApiOperation({ summary: '定义指标 / Define an indicator of a plan' })
  @ApiCreatedResponse({ description: 'The indicator' })
  @Roles('office')
  @HttpCode(201)
  async createIndicator(
    @Param('code') planCode: string,
    @Body() body: CreateIndicatorDto,
    @CurrentUser() user: SessionUser,
  ) {
    const indicator = { ...body, planCode, decomposition: body.decomposition ?? 'decomposed' };
    await this.write(new DefineIndicatorCommand(indicator, requestContext(actorOf(user), this.clock)));
    return this.queries.indicator(planCode, body.code);
  }

  @Get('plans/:code/indicators')
  @ApiOperation({ summary: '计划的指标列表 / List the indicators of a plan' })
  @ApiOkResponse({ description: 'The indicators in definition order' })
  @Roles(...READERS)
  async indicators(@Param('code') planCode: string) {
    await this.queries.plan(planCode);
    return this.queries.indicators(planCode);
  }

  private async write(command: RegisterUnitCommand | CreatePlanCommand | DefineIndicatorCommand): Promise<void> {
    const result = await this.commands.execute<typeof command, WriteResult>(command);
    if (result.position !== undefined) await this.projections.waitFor(result.position);
  }
}
