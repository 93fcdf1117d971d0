import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { Roles } from '../../identity/auth/roles.decorator';
import { SessionUser, actorOf } from '../../identity/auth/session-user';
import { ProjectionsService } from '../../projections/projections.service';
import { CLOCK, Clock } from '../../shared/clock';
import { etagOf, parseRevisionHeader, requestContext } from '../../shared/http/request-context';
import {
  BulletinWriteResult,
  DraftBulletinCommand,
  EditBulletinDraftCommand,
  IssueBulletinCommand,
  WithdrawBulletinCommand,
} from '../application/bulletin.commands';
import { BulletinComparison } from '../application/bulletin-comparison';
import { contentHashOf } from '../domain/content-hash';
import { attachment } from '../export/content-disposition';
import { exportBulletin } from '../export/bulletin-exports';
import { contentOfView, toBulletinView } from '../export/bulletin-view';
import { BulletinQueries } from '../read-model/bulletin.queries';
import {
  BulletinListQueryDto,
  DraftBulletinDto,
  EditBulletinDto,
  ExportQueryDto,
  IssueBulletinDto,
  WithdrawBulletinDto,
} from './bulletin.dto';

const READERS = ['office', 'leader', 'auditor', 'unit', 'verifier'] as const;

/** Bulletins 通报: draft as of a cutoff, remarks and exemptions, issue with 文号 and hash, withdrawal, exports. */
@ApiTags('bulletins')
@ApiBearerAuth()
@Controller('api/bulletins')
export class BulletinsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: BulletinQueries,
    private readonly comparison: BulletinComparison,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiCreatedResponse({ description: 'The drafted bulletin (ETag)' })
  @Roles('office')
  @ApiOperation({
    summary:
      'Draft a bulletin for a plan and period, its figures as of the cutoff (default: the end of the period’s due day)',
  })
  async draft(
    @Body() body: DraftBulletinDto,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = requestContext(actorOf(user), this.clock);
    const result = await this.write(new DraftBulletinCommand(uuidv7(), { ...body }, context));
    void reply.header('Location', `/api/bulletins/${result.bulletinId}`);
    return this.get(result.bulletinId, reply);
  }

  @Get()
  @ApiOperation({ summary: '通报列表 / List the bulletins of a plan' })
  @ApiOkResponse({ description: 'The bulletins' })
  @Roles(...READERS)
  list(@Query() query: BulletinListQueryDto) {
    return this.queries.list(query.planCode);
  }

  @Get(':id')
  @ApiOperation({ summary: '查看通报 / Read a bulletin with its ETag' })
  @ApiOkResponse({ description: 'The bulletin' })
  @Roles(...READERS)
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = toBulletinView(await this.queries.document(id));
    void reply.header('ETag', etagOf(view.revision));
    return view;
  }

  @Patch(':id')
  @ApiOkResponse({ description: 'The edited draft' })
  @Roles('office')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision (ETag) the edit is based on' })
  @ApiOperation({ summary: 'Edit a draft: remarks (下一步要求) and exemptions from the 黑榜, each with a reason' })
  async edit(
    @Param('id') id: string,
    @Body() body: EditBulletinDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.write(
      new EditBulletinDraftCommand(
        id,
        { ...body },
        parseRevisionHeader(ifMatch),
        requestContext(actorOf(user), this.clock),
      ),
    );
    return this.get(id, reply);
  }

  @Post(':id/issue')
  @ApiOkResponse({ description: 'The issued bulletin' })
  @Roles('office')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue (印发) with a 文号: the content is fixed and its SHA-256 recorded' })
  async issue(
    @Param('id') id: string,
    @Body() body: IssueBulletinDto,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.write(
      new IssueBulletinCommand(
        id,
        { ...body },
        requestContext(actorOf(user), this.clock, { documentRef: body.documentNo }),
      ),
    );
    return this.get(id, reply);
  }

  @Post(':id/withdrawal')
  @ApiOperation({ summary: '撤回通报 / Withdraw a bulletin, with the reason' })
  @ApiOkResponse({ description: 'The withdrawn bulletin' })
  @Roles('office')
  @HttpCode(200)
  async withdraw(
    @Param('id') id: string,
    @Body() body: WithdrawBulletinDto,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.write(
      new WithdrawBulletinCommand(id, { ...body }, requestContext(actorOf(user), this.clock, { reason: body.reason })),
    );
    return this.get(id, reply);
  }

  @Get(':id/verification')
  @ApiOkResponse({ description: 'Whether the recorded hash matches' })
  @Roles(...READERS)
  @ApiOperation({ summary: 'Recomputes the SHA-256 of the issued content and compares it with the recorded one' })
  async verify(@Param('id') id: string) {
    const view = toBulletinView(await this.queries.document(id));
    const computed = contentHashOf(contentOfView(view));
    return {
      id,
      state: view.state,
      contentHash: view.contentHash ?? null,
      computed,
      intact: view.contentHash === computed,
    };
  }

  @Get(':id/difference')
  @ApiOkResponse({ description: 'The targets that changed since the cutoff' })
  @Roles(...READERS)
  @ApiOperation({ summary: 'What changed since the cutoff: targets whose figures or status differ now' })
  async difference(@Param('id') id: string) {
    return this.comparison.againstNow(toBulletinView(await this.queries.document(id)));
  }

  @Get(':id/export')
  @ApiOperation({ summary: '导出通报 / Export a bulletin (xlsx, docx, pdf, html)' })
  @ApiOkResponse({ description: 'The file' })
  @Roles(...READERS)
  @ApiProduces(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/pdf',
    'text/html',
  )
  async export(
    @Param('id') id: string,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await exportBulletin(toBulletinView(await this.queries.document(id)), query.format);
    void reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', attachment(file.filename, file.fallbackFilename));
    return file.body;
  }

  private async write(command: object): Promise<BulletinWriteResult> {
    const result = await this.commands.execute<object, BulletinWriteResult>(command);
    if (result.position !== undefined) await this.projections.waitFor(result.position);
    return result;
  }
}
