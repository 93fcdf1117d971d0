import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditQueries } from '../audit/audit.queries';
import { attachment } from '../bulletins/export/content-disposition';
import { CatalogQueries } from '../catalog/read-model/catalog.queries';
import { completionRows } from '../completion/completion-rows';
import { CurrentUser } from '../identity/auth/current-user.decorator';
import { Roles } from '../identity/auth/roles.decorator';
import { SessionUser } from '../identity/auth/session-user';
import { assertReadableUnit, readScope } from '../identity/auth/unit-scope';
import { previousPeriod } from '../rules';
import { TargetsRepository } from '../targets/read-model/targets.repository';
import {
  AuditExportQueryDto,
  CompletionExportQueryDto,
  ProgressImportQueryDto,
  ProgressTemplateQueryDto,
} from './imports.dto';
import { ProgressIntake } from './progress-intake';
import { progressTemplate } from './progress-template';
import { auditXlsx, completionXlsx } from './sheet-exports';
import { uploadedWorkbook } from './uploaded-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AUDIT_EXPORT_LIMIT = 50_000;

/** Excel intake of monthly progress (templates, dry-run preview, apply) and the spreadsheet exports. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('api')
export class ImportsController {
  constructor(
    private readonly intake: ProgressIntake,
    private readonly catalog: CatalogQueries,
    private readonly audit: AuditQueries,
    private readonly targets: TargetsRepository,
  ) {}

  @Get('plans/:code/progress-template')
  @Roles('office', 'unit')
  @ApiOkResponse({ description: 'The template (.xlsx)' })
  @ApiOperation({
    summary: 'A unit’s progress template for a period (.xlsx): one row per target, locked columns, data validation',
  })
  async template(
    @Param('code') planCode: string,
    @Query() query: ProgressTemplateQueryDto,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    assertReadableUnit(user, query.unitCode);
    const [plan, unit] = await Promise.all([this.catalog.plan(planCode), this.catalog.unit(query.unitCode)]);
    const documents = await this.targets.documents({ planCode, unitCode: unit.code });
    const previous = query.period.endsWith('-01') ? null : previousPeriod(query.period);
    const body = await progressTemplate(plan, unit, query.period, previous, documents);
    void reply
      .header('Content-Type', XLSX)
      .header(
        'Content-Disposition',
        attachment(`${unit.name}${query.period}进度报送.xlsx`, `progress-${unit.code}-${query.period}.xlsx`),
      );
    return body;
  }

  @Post('imports/progress')
  @Roles('office', 'unit')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOkResponse({ description: 'The preview or the result, row by row' })
  @ApiOperation({
    summary:
      'Upload a filled template: dryRun=true (default) previews each row (new, correction, unchanged, refused); false applies it',
  })
  async importProgress(
    @Query() query: ProgressImportQueryDto,
    @Req() request: FastifyRequest,
    @CurrentUser() user: SessionUser,
  ) {
    const { bytes } = await uploadedWorkbook(request);
    return this.intake.run(bytes, user, query.dryRun !== 'false');
  }

  @Get('completion/export')
  @ApiOperation({ summary: '导出完成情况 / Completion rows as a styled sheet (.xlsx)' })
  @ApiOkResponse({ description: 'The sheet (.xlsx)' })
  @Roles('office', 'unit', 'verifier', 'leader', 'auditor')
  async completionExport(
    @Query() query: CompletionExportQueryDto,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const plan = await this.catalog.plan(query.planCode);
    const scope = readScope(user);
    const documents = await this.targets.documents({
      planCode: plan.code,
      ...(scope.unitCode ? { unitCode: scope.unitCode } : {}),
    });
    const units = new Map((await this.catalog.units()).map((u) => [u.code, u.name]));
    const body = await completionXlsx(
      completionRows(documents, { ...(query.period ? { period: query.period } : {}) }),
      units,
    );
    void reply
      .header('Content-Type', XLSX)
      .header(
        'Content-Disposition',
        attachment(
          `${plan.title}完成情况${query.period ?? ''}.xlsx`,
          `completion-${plan.code}${query.period ? `-${query.period}` : ''}.xlsx`,
        ),
      );
    return body;
  }

  @Get('audit/export')
  @ApiOperation({ summary: '导出审计日志 / The audit trail as a sheet (.xlsx), the audit filters applied' })
  @ApiOkResponse({ description: 'The sheet (.xlsx)' })
  @Roles('office', 'auditor')
  async auditExport(@Query() query: AuditExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const { format: _f, limit, ...filter } = query;
    const page = await this.audit.page({ ...filter, limit: Math.min(limit ?? AUDIT_EXPORT_LIMIT, AUDIT_EXPORT_LIMIT) });
    void reply.header('Content-Type', XLSX).header('Content-Disposition', attachment('审计日志.xlsx', 'audit.xlsx'));
    return auditXlsx(page.items);
  }
}
