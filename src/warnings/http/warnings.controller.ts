import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { Roles } from '../../identity/auth/roles.decorator';
import { SessionUser, actorOf } from '../../identity/auth/session-user';
import { assertUnitScope, readScope } from '../../identity/auth/unit-scope';
import { ProjectionsService } from '../../projections/projections.service';
import { CLOCK, Clock } from '../../shared/clock';
import { executeCommand } from '../../shared/event-sourcing/command-executor';
import { IsCode } from '../../shared/http/validators';
import { requestContext } from '../../shared/http/request-context';
import { notFound } from '../../shared/problems/domain-error';
import { AsOfService } from '../../time-travel/as-of.service';
import { warningDecider } from '../domain/warning.decider';
import { targetIdOfWarning, warningStream } from '../domain/warning.types';
import { WarningQueries } from '../read-model/warnings.queries';

export class WarningQueryDto {
  @IsCode({ optional: true })
  planCode?: string;

  @IsCode({ optional: true })
  unitCode?: string;

  @IsOptional()
  @IsIn(['yellow', 'red'])
  @ApiPropertyOptional({ enum: ['yellow', 'red'] })
  level?: string;

  @IsOptional()
  @IsIn(['raised', 'escalated', 'acknowledged', 'cleared'])
  @ApiPropertyOptional({ enum: ['raised', 'escalated', 'acknowledged', 'cleared'] })
  state?: string;

  @IsOptional()
  @IsString()
  @ApiPropertyOptional({ description: 'ISO time or global position: the warnings as they were then' })
  asOf?: string;
}

export class AcknowledgeWarningDto {
  @IsString()
  @MinLength(1, { message: 'explanation 必填 / explanation is required' })
  @MaxLength(5000)
  @ApiProperty({ description: '情况说明', example: '一季度受疫情影响，重点企业停产' })
  explanation!: string;

  @IsString()
  @MinLength(1, { message: 'measures 必填 / measures are required' })
  @MaxLength(5000)
  @ApiProperty({ description: '整改措施', example: '加快重点项目复工，二季度追回进度' })
  measures!: string;
}

/** Warnings (预警): the list, and the responsible unit's acknowledgement. */
@ApiTags('warnings')
@ApiBearerAuth()
@Controller('api/warnings')
export class WarningsController {
  constructor(
    private readonly queries: WarningQueries,
    private readonly asOf: AsOfService,
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('office', 'unit', 'verifier', 'leader', 'auditor')
  async list(@Query() query: WarningQueryDto, @CurrentUser() user: SessionUser) {
    const { asOf, ...filter } = query;
    const scoped = { ...filter, ...readScope(user) };
    if (asOf) return this.asOf.warnings(asOf, scoped);
    return this.queries.list(scoped);
  }

  @Post(':id/acknowledgements')
  @Roles('office', 'unit')
  @HttpCode(200)
  async acknowledge(@Param('id') id: string, @Body() body: AcknowledgeWarningDto, @CurrentUser() user: SessionUser) {
    const targetId = targetIdOfWarning(id);
    const result = await executeCommand(
      this.store,
      warningDecider,
      warningStream(targetId),
      { type: 'AcknowledgeWarning', warningId: id, explanation: body.explanation, measures: body.measures },
      requestContext(actorOf(user), this.clock, { reason: body.explanation }),
      {
        authorize: (state) => {
          const unitCode = (state as { unitCode?: string }).unitCode;
          if (unitCode) assertUnitScope(user, unitCode);
        },
      },
    );
    if (result.position !== undefined) await this.projections.waitFor(result.position);
    const warning = await this.queries.get(id);
    if (!warning) throw notFound('warning-not-found', `预警 ${id} 不存在 / Warning '${id}' not found`);
    return warning;
  }
}

