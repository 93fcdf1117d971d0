import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { v5 as uuidv5 } from 'uuid';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { StreamNotFoundError } from '../../event-store/event-store.errors';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { Roles } from '../../identity/auth/roles.decorator';
import { SessionUser, actorOf } from '../../identity/auth/session-user';
import { assertReadableUnit, readScope } from '../../identity/auth/unit-scope';
import { ProjectionsService } from '../../projections/projections.service';
import { CLOCK, Clock } from '../../shared/clock';
import { etagOf, parseRevisionHeader, requestContext } from '../../shared/http/request-context';
import { unitScopeOf } from '../../shared/event-sourcing/write-authorization';
import { DomainError, notFound } from '../../shared/problems/domain-error';
import {
  AdjustTargetCommand,
  AssignTargetCommand,
  CorrectProgressCommand,
  ReportProgressCommand,
  WithdrawTargetCommand,
} from '../application/target.commands';
import { TargetWriteResult } from '../application/target.handlers';
import { targetStream } from '../domain/target-ids';
import { targetHistory } from '../read-model/target-history';
import { LatestTargetStatus } from '../read-model/latest-status';
import { TargetQueries } from '../read-model/target.queries';
import {
  AdjustTargetDto,
  AssignTargetDto,
  CorrectProgressDto,
  CorrectionPathDto,
  ReportProgressDto,
  TargetQueryDto,
  WithdrawTargetDto,
} from './target.dto';

const READERS = ['office', 'unit', 'verifier', 'leader', 'auditor'] as const;
const IDEMPOTENCY_NAMESPACE = '6d1c2f4e-93b5-4a8e-bf0d-2c7e9a1b5f30';

/** Targets (目标): assignment, adjustment with approval, monthly progress, corrections, withdrawal, history. */
@ApiTags('targets')
@ApiBearerAuth()
@Controller('api/targets')
export class TargetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: TargetQueries,
    private readonly latest: LatestTargetStatus,
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: '下达目标 / Assign a target' })
  @ApiCreatedResponse({ description: 'The id and revision of the target (ETag, Location)' })
  @ApiResponse({ status: 409, description: 'target-exists: 该单位在此指标下已有目标 / a target exists already' })
  @Roles('office')
  async assign(
    @Body() body: AssignTargetDto,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.write(new AssignTargetCommand({ ...body }, requestContext(actorOf(user), this.clock)));
    void reply.header('ETag', etagOf(result.revision)).header('Location', `/api/targets/${result.targetId}`);
    return { id: result.targetId, revision: result.revision.toString() };
  }

  @Get()
  @ApiOperation({ summary: '目标列表 / List targets (a unit reporter: its own unit only)' })
  @ApiOkResponse({ description: 'The targets with status' })
  @Roles(...READERS)
  list(@Query() query: TargetQueryDto, @CurrentUser() user: SessionUser) {
    return this.queries.list({ ...query, ...readScope(user, query.unitCode) });
  }

  @Get(':id')
  @ApiOperation({ summary: '查看目标 / Read a target with its status and ETag' })
  @ApiOkResponse({ description: 'The target' })
  @Roles(...READERS)
  async get(
    @Param('id') id: string,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.queries.get(id);
    assertReadableUnit(user, view.unitCode);
    void reply.header('ETag', etagOf(view.revision));
    return view;
  }

  @Post(':id/adjustments')
  @ApiOperation({
    summary:
      '调整目标（须 If-Match 与批准文件）/ Adjust a target (If-Match, approval document); changes only what it names',
  })
  @ApiOkResponse({ description: 'The adjusted target' })
  @ApiResponse({
    status: 412,
    description: 'stale-revision: 版本已变化 / the target changed since the If-Match revision',
  })
  @ApiResponse({ status: 428, description: 'if-match-required' })
  @Roles('office')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true, description: 'The revision (ETag) the adjustment is based on' })
  async adjust(
    @Param('id') id: string,
    @Body() body: AdjustTargetDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const expected = requireRevision(ifMatch);
    const context = requestContext(actorOf(user), this.clock, {
      reason: body.reason,
      documentRef: body.approvalDocument,
    });
    const result = await this.write(new AdjustTargetCommand(id, { ...body }, expected, context));
    void reply.header('ETag', etagOf(result.revision));
    return this.queries.get(id);
  }

  @Post(':id/progress')
  @ApiOperation({ summary: '报送月度进度 / Report monthly progress (Idempotency-Key makes a retry harmless)' })
  @ApiCreatedResponse({ description: 'The revision of the report and the new status of the target' })
  @ApiResponse({ status: 409, description: 'period-already-reported (correctionUrl), target-withdrawn' })
  @ApiResponse({
    status: 422,
    description: 'idempotency-key-reused: 同一 Idempotency-Key 用于不同请求 / the key was used for another request',
  })
  @Roles('office', 'unit')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Makes a retry harmless: the same key returns the first answer',
  })
  async report(
    @Param('id') id: string,
    @Body() body: ReportProgressDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { period, confirmDecrease, decreaseReason, ...report } = body;
    const idempotent = idempotencyKey !== undefined && idempotencyKey !== '';
    const decrease = decreaseConfirmation(confirmDecrease, decreaseReason);
    const context = requestContext(actorOf(user), this.clock, {
      ...(idempotent
        ? { commandId: uuidv5(`${id}/${user.id}/${idempotencyKey}`, IDEMPOTENCY_NAMESPACE), idempotent: true }
        : {}),
      ...(decrease?.reason ? { reason: decrease.reason } : {}),
    });
    const result = await this.write(
      new ReportProgressCommand(
        id,
        period,
        report,
        context,
        unitScopeOf(user),
        decrease,
        idempotent ? idempotencyKey : undefined,
      ),
    );
    void reply.header('ETag', etagOf(result.revision));
    // The target's status after the report (read-your-writes): a form shows it at once.
    const status =
      (result.position !== undefined ? this.latest.statusAfter(id, result.position) : undefined) ??
      (await this.queries.get(id)).status;
    return {
      id,
      period,
      revision: result.revision.toString(),
      position: result.position?.toString(),
      repeated: result.repeated,
      status,
    };
  }

  @Post(':id/progress/:period/corrections')
  @ApiOperation({ summary: '更正已报送的进度 / Correct a reported month' })
  @ApiOkResponse({ description: 'The target after the correction' })
  @ApiResponse({ status: 409, description: 'target-withdrawn' })
  @Roles('office', 'unit')
  @HttpCode(200)
  async correct(
    @Param() { id, period }: CorrectionPathDto,
    @Body() body: CorrectProgressDto,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { reason, confirmDecrease, decreaseReason, ...correction } = body;
    const context = requestContext(actorOf(user), this.clock, { reason });
    const decrease = decreaseConfirmation(confirmDecrease, decreaseReason);
    const result = await this.write(
      new CorrectProgressCommand(id, period, correction, reason, context, unitScopeOf(user), decrease),
    );
    void reply.header('ETag', etagOf(result.revision));
    return this.queries.get(id);
  }

  @Post(':id/withdrawal')
  @ApiOperation({ summary: '撤销目标 / Withdraw a target' })
  @ApiOkResponse({ description: 'The withdrawn target' })
  @Roles('office')
  @HttpCode(200)
  async withdraw(
    @Param('id') id: string,
    @Body() body: WithdrawTargetDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: SessionUser,
  ) {
    const context = requestContext(actorOf(user), this.clock, { reason: body.reason, documentRef: body.document });
    await this.write(new WithdrawTargetCommand(id, { ...body }, parseRevisionHeader(ifMatch), context));
    return this.queries.get(id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: '目标履历 / The history of a target: every change, who, when, why' })
  @ApiOkResponse({ description: 'The history, oldest first' })
  @Roles(...READERS)
  async history(@Param('id') id: string, @CurrentUser() user: SessionUser) {
    try {
      const events = await this.store.readStream(targetStream(id));
      assertReadableUnit(user, (events[0].data as { unitCode: string }).unitCode);
      return targetHistory(events);
    } catch (error) {
      if (error instanceof StreamNotFoundError)
        throw notFound('target-not-found', `目标 ${id} 不存在 / Target '${id}' not found`);
      throw error;
    }
  }

  private async write(command: object): Promise<TargetWriteResult> {
    const result = await this.commands.execute<object, TargetWriteResult>(command);
    if (result.position !== undefined) await this.projections.waitFor(result.position);
    return result;
  }
}

function decreaseConfirmation(confirmed: boolean | undefined, reason: string | undefined) {
  return confirmed !== undefined || reason !== undefined
    ? { confirmed: confirmed === true, ...(reason !== undefined ? { reason } : {}) }
    : undefined;
}

function requireRevision(ifMatch: string | undefined): bigint {
  const revision = parseRevisionHeader(ifMatch);
  if (revision === undefined) {
    throw new DomainError(
      'precondition_required',
      'if-match-required',
      '调整目标须携带 If-Match 版本号 / If-Match with the target’s revision is required',
      [{ field: 'If-Match', message: '必填，值为目标的 ETag / required: the target’s ETag' }],
    );
  }
  return revision;
}
