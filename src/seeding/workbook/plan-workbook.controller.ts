import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as path from 'node:path';
import { attachment } from '../../bulletins/export/content-disposition';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { Roles } from '../../identity/auth/roles.decorator';
import { actorOf, SessionUser } from '../../identity/auth/session-user';
import { uploadedWorkbook } from '../../imports/uploaded-workbook';
import { PlanWorkbookService } from './plan-workbook.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class PlanWorkbookImportQueryDto {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun 应为 true 或 false / dryRun must be true or false' })
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'true',
    description:
      'true: preview what the import would do (each unit, indicator and target: new, unchanged, changed, refused), append nothing',
  })
  dryRun?: 'true' | 'false';
}

/** The plan workbook 计划工作簿: export of a plan, upload with a dry-run preview, then import. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('api')
export class PlanWorkbookController {
  constructor(private readonly workbooks: PlanWorkbookService) {}

  @Get('plans/:code/workbook')
  @Roles('office')
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description:
      'The plan workbook (.xlsx): sheets plan, units, units of measure, indicators and one per decomposition table',
  })
  @ApiOperation({
    summary: '导出计划工作簿 / Export a plan as a plan workbook (.xlsx) that imports back to the same targets',
  })
  async export(@Param('code') planCode: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { body, title } = await this.workbooks.export(planCode);
    void reply
      .header('Content-Type', XLSX)
      .header('Content-Disposition', attachment(`${title}.xlsx`, `plan-${planCode}.xlsx`));
    return body;
  }

  @Post('plans/workbook')
  @Roles('office')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'the plan workbook (.xlsx, ≤ 10 MB)' } },
    },
  })
  @ApiOkResponse({
    description:
      'dryRun=true: the preview (validation errors and warnings by sheet, row and column; each entity’s fate); dryRun=false: the import summary',
  })
  @ApiOperation({
    summary:
      '上传计划工作簿 / Upload a plan workbook: dryRun=true (default) previews, false imports through the same commands as `npm run seed`',
  })
  async upload(
    @Query() query: PlanWorkbookImportQueryDto,
    @Req() request: FastifyRequest,
    @CurrentUser() user: SessionUser,
  ) {
    const upload = await uploadedWorkbook(request);
    const fileName = path.basename(upload.fileName ?? 'plan.xlsx');
    if (query.dryRun === 'false') return this.workbooks.apply(upload.bytes, fileName, actorOf(user));
    return this.workbooks.preview(upload.bytes, fileName);
  }
}
