import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { deadlineStream } from '../deadlines/deadline.decider';
import { StreamNotFoundError } from '../event-store/event-store.errors';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { CurrentUser } from '../identity/auth/current-user.decorator';
import { Roles } from '../identity/auth/roles.decorator';
import { SessionUser } from '../identity/auth/session-user';
import { assertReadableUnit } from '../identity/auth/unit-scope';
import { DocumentWorkspace } from '../projections/runner/document-workspace';
import { notFound } from '../shared/problems/domain-error';
import { IsAsOf } from '../shared/validation/decorators';
import { targetStream } from '../targets/domain/target-ids';
import { targetsProjection } from '../targets/read-model/targets.projection';
import { toTargetView } from '../targets/read-model/target-view';
import { includes, parseAsOf } from '../time-travel/as-of';

export class TargetAsOfQueryDto {
  @IsAsOf()
  asOf!: string;
}

/**
 * One target as it stood at a past moment (目标详情的时间回溯): its own stream and its plan's deadlines,
 * folded with the targets projection's own evolve, up to `asOf` — far less than folding the whole plan.
 */
@ApiTags('completion')
@ApiBearerAuth()
@Controller('api/targets')
export class TargetAsOfController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':id/as-of')
  @Roles('office', 'unit', 'verifier', 'leader', 'auditor')
  @ApiOperation({
    summary: '目标在某一时点的状态 / A target as it stood at `asOf`',
    description:
      'The same answer as GET /api/targets/:id, as the system would have shown it then (404 when the target did not exist yet).',
  })
  @ApiOkResponse({ description: 'The target then, with its periods and status' })
  async get(@Param('id') id: string, @Query() query: TargetAsOfQueryDto, @CurrentUser() user: SessionUser) {
    const asOf = parseAsOf(query.asOf ?? '');
    let own;
    try {
      own = await this.store.readStream(targetStream(id));
    } catch (error) {
      if (error instanceof StreamNotFoundError)
        throw notFound('target-not-found', `目标 ${id} 不存在 / Target '${id}' not found`);
      throw error;
    }
    assertReadableUnit(user, (own[0].data as { unitCode: string }).unitCode);
    const planCode = id.slice(0, id.indexOf('.'));
    const deadlines = await this.store.readStream(deadlineStream(planCode)).catch((error: unknown) => {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    });
    const events = [...own, ...deadlines]
      .filter((e) => includes(asOf, e))
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    // As the "as of" views do: an event the projection cannot apply is left out, as the tables leave it out.
    const workspace = new DocumentWorkspace(targetsProjection, undefined, { skipPoison: true });
    await workspace.apply(events);
    const doc = workspace.get(id);
    if (!doc) throw notFound('target-not-found', `目标 ${id} 当时尚未下达 / Target '${id}' did not exist then`);
    return toTargetView(doc, true);
  }
}
