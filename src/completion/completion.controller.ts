import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { STATUS_MODEL_DESCRIPTION } from '../rules';
import { IsBooleanString } from 'class-validator';
import { CurrentUser } from '../identity/auth/current-user.decorator';
import { Roles } from '../identity/auth/roles.decorator';
import { SessionUser } from '../identity/auth/session-user';
import { readScope } from '../identity/auth/unit-scope';
import { IsCode } from '../shared/http/validators';
import { CompletionService } from './completion.service';
import { IsAsOf, IsPeriod, OptionalField } from '../shared/validation/decorators';

const READERS = ['office', 'unit', 'verifier', 'leader', 'auditor'] as const;

class AsOfQuery {
  @IsAsOf()
  asOf?: string;
}

export class CompletionQueryDto extends AsOfQuery {
  @IsCode({ optional: true })
  planCode?: string;

  @IsCode({ optional: true })
  unitCode?: string;

  @IsCode({ optional: true })
  indicatorCode?: string;

  @OptionalField()
  @IsPeriod()
  @ApiPropertyOptional({
    example: '2021-06',
    description:
      'The month: each row then carries its status for that period (not_due before its deadline). Without it, the latest report and the status now.',
  })
  period?: string;
}

export class DashboardQueryDto extends AsOfQuery {
  @IsCode()
  planCode!: string;
}

export class ReconciliationQueryDto extends AsOfQuery {
  @OptionalField()
  @IsBooleanString()
  @ApiPropertyOptional({ description: 'Reconcile the work targets (工作目标) instead of the assessment targets' })
  work?: string;
}

/** Completion against the expected pace (序时进度), the dashboard and the decomposition reconciliation. */
@ApiTags('completion')
@ApiBearerAuth()
@Controller('api')
export class CompletionController {
  constructor(private readonly service: CompletionService) {}

  @Get('completion')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Completion against the expected pace (序时进度), one row per target',
    description: STATUS_MODEL_DESCRIPTION,
  })
  @ApiOkResponse({ description: 'Completion rows, each with its status (see the status model)' })
  completion(@Query() query: CompletionQueryDto, @CurrentUser() user: SessionUser) {
    return this.service.completion({ ...query, ...readScope(user, query.unitCode) });
  }

  @Get('dashboard')
  @Roles('office', 'leader', 'auditor', 'verifier')
  @ApiOperation({
    summary: 'The dashboard (督查看板): targets counted by their status now',
    description: STATUS_MODEL_DESCRIPTION,
  })
  @ApiOkResponse({ description: 'Counts by status, by unit and by category, and the lagging targets' })
  dashboard(@Query() query: DashboardQueryDto) {
    return this.service.dashboard(query.planCode, query.asOf);
  }

  @Get('plans/:code/reconciliation')
  @ApiOperation({ summary: '目标分解核对 / Decomposition reconciliation of a plan' })
  @ApiOkResponse({
    description: 'Per decomposed indicator: district target, sum of unit targets, difference (as of `asOf` when given)',
  })
  @Roles('office', 'leader', 'auditor', 'verifier')
  reconciliation(@Param('code') planCode: string, @Query() query: ReconciliationQueryDto) {
    return this.service.reconciliation(planCode, query.work === 'true', query.asOf);
  }
}
