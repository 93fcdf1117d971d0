import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Infrastructure } from '../database/infrastructure';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { INFRASTRUCTURE } from '../infrastructure/infrastructure.module';
import { FollowerReport, ProjectionsService } from '../projections/projections.service';
import { Public } from '../shared/http/public.decorator';
import { followerProblems } from './follower-problems';

type Check = { status: 'up' | 'down'; [detail: string]: unknown };

/**
 * GET /health tells the truth: 200 only when the database and the event store answer and every
 * follower (projections and reactors) is following within its threshold with nothing unresolved in
 * the quarantine; otherwise 503 with the reason per follower. /health/live and /health/ready are the
 * orchestrators' liveness and readiness probes.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly projections: ProjectionsService,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '整体健康状况 / Overall health: storage and every follower of the log' })
  @ApiResponse({ status: 200, description: 'Everything is up and every follower is following.' })
  @ApiResponse({ status: 503, description: 'Something is down, stuck, or has quarantined events; `error` says what.' })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, eventStore] = await Promise.all([this.database(), this.events()]);
    const followers = await this.followers();
    const details: Record<string, Check> = { database, eventStore, followers };
    const down = Object.entries(details).filter(([, check]) => check.status === 'down');
    reply.status(down.length ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return {
      status: down.length ? 'error' : 'ok',
      ...(down.length ? { error: Object.fromEntries(down) } : {}),
      details,
    };
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: '存活探针 / Liveness: the process is up' })
  @ApiResponse({ status: 200, description: 'The process answers.' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: '就绪探针 / Readiness: the database and the event store answer' })
  @ApiResponse({ status: 200, description: 'Requests can be served.' })
  @ApiResponse({ status: 503, description: 'The database or the event store does not answer.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, eventStore] = await Promise.all([this.database(), this.events()]);
    const ok = database.status === 'up' && eventStore.status === 'up';
    reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', details: { database, eventStore } };
  }

  private async database(): Promise<Check> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'up', kind: this.infrastructure.databaseKind };
    } catch (error) {
      return { status: 'down', message: (error as Error).message };
    }
  }

  private async events(): Promise<Check> {
    try {
      await this.eventStore.ping();
      const head = await this.eventStore.headPosition();
      return { status: 'up', kind: this.eventStore.kind, headPosition: head.toString() };
    } catch (error) {
      return { status: 'down', kind: this.eventStore.kind, message: (error as Error).message };
    }
  }

  private async followers(): Promise<Check> {
    let report: FollowerReport[];
    try {
      report = await this.projections.report();
    } catch (error) {
      return { status: 'down', message: (error as Error).message };
    }
    const problems = followerProblems(report, this.config.followerStuckSeconds);
    const followers = report.map((f) => ({ ...f, ...(problems.has(f.name) ? { problem: problems.get(f.name) } : {}) }));
    return problems.size
      ? { status: 'down', reason: [...problems.values()].join('; '), followers }
      : { status: 'up', followers };
  }
}
