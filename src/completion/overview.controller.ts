import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../identity/auth/current-user.decorator';
import { Roles } from '../identity/auth/roles.decorator';
import { SessionUser } from '../identity/auth/session-user';
import { readScope } from '../identity/auth/unit-scope';
import { IsCode } from '../shared/http/validators';
import { IsAsOf } from '../shared/validation/decorators';
import { OverviewService } from './overview.service';

export class OverviewQueryDto {
  @IsCode()
  planCode!: string;

  @IsAsOf()
  asOf?: string;
}

export class ReportingStatusQueryDto extends OverviewQueryDto {
  @IsCode({ optional: true })
  unitCode?: string;
}

/** The dashboard's aggregated panels: the units × categories heat map and the units × months 报送情况. */
@ApiTags('completion')
@ApiBearerAuth()
@Controller('api')
export class OverviewController {
  constructor(private readonly service: OverviewService) {}

  @Get('dashboard/heat-map')
  @Roles('office', 'leader', 'auditor', 'verifier')
  @ApiOperation({
    summary: '单位 × 类别热力图 / The units × categories heat map of a plan',
    description:
      'Per unit and category: active targets, their counts by status, the worst status and how many are behind (red, overdue, yellow). `asOf` shows it as it stood then.',
  })
  @ApiOkResponse({
    description:
      '`{ planCode, asOf, units: [{ unitCode, unitName }], categories, cells: [{ unitCode, unitName, category, count, worst, behind, counts }] }`',
  })
  heatMap(@Query() query: OverviewQueryDto) {
    return this.service.heatMap(query.planCode, query.asOf);
  }

  @Get('reporting-status')
  @Roles('office', 'unit', 'verifier', 'leader', 'auditor')
  @ApiOperation({
    summary: '报送情况：单位 × 月份 / Who reported which month: units × the plan year’s months up to today',
    description:
      'Per month: `dueDate` (the plan’s report due day of the next month), `deadlinePassed`, `daysLeft` (calendar days) and `workingDaysLeft` (the working-day calendar). ' +
      'Per unit and month: `due` (targets owing the report), `reported`, `answered` (by a later year-to-date report), `overdue` (deadline passed, recorded), `pending`. A unit reporter sees only their unit.',
  })
  @ApiOkResponse({
    description:
      '`{ planCode, asOf, today, months: [{ period, dueDate, deadlinePassed, daysLeft, workingDaysLeft }], units: [{ unitCode, unitName, cells: [{ period, due, reported, answered, overdue, pending }] }] }`',
  })
  reportingStatus(@Query() query: ReportingStatusQueryDto, @CurrentUser() user: SessionUser) {
    return this.service.reportingStatus(query.planCode, { asOf: query.asOf, ...readScope(user, query.unitCode) });
  }
}
