import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Type } from 'class-transformer';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CatalogQueries } from '../../catalog/read-model/catalog.queries';
import { STATUS_MODEL_DESCRIPTION } from '../../rules';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsAsOf, IsPeriod, OptionalField } from '../../shared/validation/decorators';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { Roles } from '../../identity/auth/roles.decorator';
import { SessionUser, actorOf } from '../../identity/auth/session-user';
import { readScope } from '../../identity/auth/unit-scope';
import { ProjectionsService } from '../../projections/projections.service';
import { CLOCK, Clock } from '../../shared/clock';
import { unitScopeOf } from '../../shared/event-sourcing/write-authorization';
import { IsCode } from '../../shared/http/validators';
import { requestContext } from '../../shared/http/request-context';
import { invalid, notFound } from '../../shared/problems/domain-error';
import { AsOfService } from '../../time-travel/as-of.service';
import { AcknowledgeWarningCommand } from '../application/warning.commands';
import { WarningWriteResult } from '../application/warning.handlers';
import { indicatorKey, InvalidCursorError, pageOf, WarningQueries } from '../read-model/warnings.queries';

export class WarningQueryDto {
  @IsCode({ optional: true })
  planCode?: string;

  @IsCode({ optional: true })
  unitCode?: string;

  @OptionalField()
  @IsIn(['yellow', 'red'])
  @ApiPropertyOptional({ enum: ['yellow', 'red'] })
  level?: string;

  @OptionalField()
  @IsIn(['open', 'all', 'raised', 'escalated', 'acknowledged', 'cleared'])
  @ApiPropertyOptional({
    enum: ['open', 'all', 'raised', 'escalated', 'acknowledged', 'cleared'],
    default: 'open',
    description: '`open` (default): raised, escalated or acknowledged — not cleared; `all`: every state',
  })
  state?: string;

  @OptionalField()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @ApiPropertyOptional({
    description:
      'Indicator category (类别) of the warned target, one of the plan’s (`GET /api/plans/:code/indicators`)',
    example: '经济发展',
  })
  category?: string;

  @OptionalField()
  @IsPeriod()
  @ApiPropertyOptional({ description: 'Report period YYYY-MM the warning is about', example: '2021-03' })
  period?: string;

  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  @ApiPropertyOptional({ default: 100, description: 'Page size (newest first)' })
  limit?: number;

  @OptionalField()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, {
    message: 'cursor 应为上一页的 X-Next-Cursor / cursor must be the X-Next-Cursor of the previous page',
  })
  @ApiPropertyOptional({
    description: 'The previous page’s `X-Next-Cursor` header (also in its `Link: <…>; rel="next"`)',
  })
  cursor?: string;

  @IsAsOf()
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
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly catalog: CatalogQueries,
  ) {}

  @Get()
  @Roles('office', 'unit', 'verifier', 'leader', 'auditor')
  @ApiOperation({
    summary: 'Warnings (预警), newest first, open ones by default; paged',
    description:
      'The body is the page’s warnings (the documented fields, plus `unitName` and `indicatorName`). ' +
      'When more follow, `X-Next-Cursor` and `Link: <…>; rel="next"` give the next page. ' +
      STATUS_MODEL_DESCRIPTION,
  })
  @ApiHeader({
    name: 'X-Next-Cursor',
    required: false,
    description: 'Response header: the cursor of the next page, absent on the last',
  })
  @ApiOkResponse({ description: 'A page of warnings' })
  async list(
    @Query() query: WarningQueryDto,
    @CurrentUser() user: SessionUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { asOf, limit, cursor, category, ...filter } = query;
    const scoped = {
      ...filter,
      state: filter.state ?? 'open',
      ...readScope(user, filter.unitCode),
      ...(category !== undefined ? { indicators: await this.indicatorsOfCategory(category, filter.planCode) } : {}),
    };
    const views = asOf ? await this.asOf.warnings(asOf, scoped) : await this.queries.list(scoped);
    let page: ReturnType<typeof pageOf>;
    try {
      page = pageOf(views, limit ?? 100, cursor);
    } catch (error) {
      if (error instanceof InvalidCursorError)
        throw invalid('invalid-cursor', 'cursor', 'cursor 无效 / cursor is not one this list gave');
      throw error;
    }
    if (page.nextCursor) {
      const next = new URL(request.url, 'http://local');
      next.searchParams.set('cursor', page.nextCursor);
      reply.header('x-next-cursor', page.nextCursor).header('link', `<${next.pathname}${next.search}>; rel="next"`);
    }
    return this.withNames(page.items);
  }

  /** The `<plan>/<indicator>` keys of a category's indicators; a category no plan (or not the asked plan) has is refused. */
  private async indicatorsOfCategory(category: string, planCode: string | undefined): Promise<ReadonlySet<string>> {
    const planCodes = planCode ? [planCode] : (await this.catalog.plans()).map((p) => p.code);
    const keys = new Set<string>();
    const known = new Set<string>();
    for (const code of planCodes) {
      for (const i of await this.catalog.indicators(code).catch(() => [])) {
        known.add(i.category);
        if (i.category === category) keys.add(indicatorKey(code, i.code));
      }
    }
    if (keys.size === 0)
      throw invalid(
        'unknown-category',
        'category',
        `category 不是${planCode ? `计划 ${planCode} ` : ''}指标的类别（${[...known].join('、') || '无'}）/ category is not one of the ${planCode ? `plan ${planCode}'s` : 'plans’'} indicator categories`,
      );
    return keys;
  }

  /** Unit and indicator names beside their codes (display-ready answers). */
  private async withNames<T extends { planCode: string; unitCode: string; indicatorCode: string }>(items: T[]) {
    const units = new Map((await this.catalog.units()).map((u) => [u.code, u.name]));
    const indicators = new Map<string, string>();
    for (const planCode of new Set(items.map((w) => w.planCode))) {
      for (const i of await this.catalog.indicators(planCode).catch(() => []))
        indicators.set(`${planCode}/${i.code}`, i.name);
    }
    return items.map((w) => ({
      ...w,
      unitName: units.get(w.unitCode) ?? null,
      indicatorName: indicators.get(`${w.planCode}/${w.indicatorCode}`) ?? null,
    }));
  }

  @Post(':id/acknowledgements')
  @ApiOperation({ summary: '回应预警（说明与整改措施）/ Acknowledge a warning with an explanation and measures' })
  @ApiOkResponse({ description: 'The acknowledged warning' })
  @Roles('office', 'unit')
  @HttpCode(200)
  async acknowledge(@Param('id') id: string, @Body() body: AcknowledgeWarningDto, @CurrentUser() user: SessionUser) {
    const result = await this.commands.execute<AcknowledgeWarningCommand, WarningWriteResult>(
      new AcknowledgeWarningCommand(
        { warningId: id, explanation: body.explanation, measures: body.measures },
        requestContext(actorOf(user), this.clock, { reason: body.explanation }),
        unitScopeOf(user),
      ),
    );
    if (result.position !== undefined) await this.projections.waitFor(result.position);
    const warning = await this.queries.get(id);
    if (!warning) throw notFound('warning-not-found', `预警 ${id} 不存在 / Warning '${id}' not found`);
    return (await this.withNames([warning]))[0];
  }
}
