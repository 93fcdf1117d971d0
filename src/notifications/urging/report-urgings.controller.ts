import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { Roles } from '../../identity/auth/roles.decorator';
import { SessionUser, actorOf } from '../../identity/auth/session-user';
import { ProjectionsService } from '../../projections/projections.service';
import { CLOCK, Clock } from '../../shared/clock';
import { requestContext } from '../../shared/http/request-context';
import { conflict, invalid } from '../../shared/problems/domain-error';
import { WarningQueries } from '../../warnings/read-model/warnings.queries';
import { UrgeUnitOnWarningsCommand, UrgingsWriteResult } from './urge-on-warnings.handler';
import { UrgeDto } from './urgings.controller';

export class ReportUrgingDto extends UrgeDto {
  @ApiProperty({ example: 'anting', description: '被催办的单位' })
  @IsString({ message: 'unitCode 须为文字 / unitCode must be text' })
  @Matches(/^\S{1,64}$/, { message: 'unitCode 须为单位代码 / unitCode must be a unit code' })
  unitCode!: string;

  @ApiProperty({ example: '2021-07', description: '逾期未报的月份 YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period 须为 YYYY-MM / period must be YYYY-MM' })
  period!: string;
}

/**
 * 催办 on a month's missing reports (the 报送情况 matrix): one command that urges the unit on every open
 * overdue-report warning of that month, all or none.
 */
@ApiTags('notifications')
@Controller('api')
export class ReportUrgingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly warnings: WarningQueries,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('plans/:code/report-urgings')
  @Roles('office')
  @ApiCreatedResponse({
    description:
      '`{ planCode, unitCode, period, message, replyBy?, urgedAt, by, urgings: [{ id, warningId, indicatorCode }] }`: every overdue-report warning of the month urged, or (an error) none',
  })
  @ApiOperation({
    summary:
      '就某月逾期未报催办单位（该月每项逾期未报预警一条催办，全部或全不）/ Urge a unit on a month’s missing reports, all or none',
  })
  async urge(@Param('code') planCode: string, @Body() body: ReportUrgingDto, @CurrentUser() user: SessionUser) {
    const context = requestContext(actorOf(user), this.clock, { reason: body.message });
    if (body.replyBy && new Date(body.replyBy) <= context.now) {
      throw invalid('reply-by-in-the-past', 'replyBy', 'replyBy 须晚于现在 / replyBy must be in the future');
    }
    const overdue = (
      await this.warnings.list({ planCode, unitCode: body.unitCode, period: body.period, state: 'open' })
    )
      .filter((w) => w.kind === 'overdue')
      .sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode));
    if (!overdue.length) {
      throw conflict(
        'nothing-to-urge',
        `${body.unitCode} ${body.period} 没有逾期未报的预警可催办 / ${body.unitCode} has no open overdue-report warning for ${body.period}`,
      );
    }
    const replyBy = body.replyBy ? new Date(body.replyBy).toISOString() : undefined;
    const result = await this.commands.execute<UrgeUnitOnWarningsCommand, UrgingsWriteResult>(
      new UrgeUnitOnWarningsCommand(
        overdue.map((w) => ({
          warningId: w.id,
          targetId: w.targetId,
          planCode: w.planCode,
          indicatorCode: w.indicatorCode,
          unitCode: w.unitCode,
          state: w.state,
        })),
        { message: body.message, ...(replyBy ? { replyBy } : {}) },
        context,
      ),
    );
    await this.projections.waitFor(result.position);
    const indicatorOf = new Map(overdue.map((w) => [w.id, w.indicatorCode]));
    return {
      planCode,
      unitCode: body.unitCode,
      period: body.period,
      message: body.message,
      ...(replyBy ? { replyBy } : {}),
      urgedAt: context.now.toISOString(),
      by: actorOf(user),
      urgings: result.urgings.map((u) => ({
        id: u.urgingId,
        warningId: u.warningId,
        indicatorCode: indicatorOf.get(u.warningId),
      })),
    };
  }
}
