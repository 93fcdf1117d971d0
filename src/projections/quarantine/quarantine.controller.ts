import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { poolOf } from '../../database/data-source';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { Roles } from '../../identity/auth/roles.decorator';
import { notFound } from '../../shared/problems/domain-error';
import { ProjectionsService } from '../projections.service';
import { QuarantinedEvent, quarantineRepository } from './quarantine.repository';

export class QuarantineQueryDto {
  @IsOptional()
  @Type(() => Boolean)
  @IsBoolean()
  @ApiPropertyOptional({ description: 'Include entries already resolved (default: unresolved only)' })
  all?: boolean;
}

const missing = () => notFound('quarantine-entry-not-found', '没有这个隔离事件 / No such quarantined event');

/** Events a follower could not apply (隔离区): the office sees them and retries them after a fix. */
@ApiTags('quarantine')
@Roles('office')
@Controller('api/quarantine')
export class QuarantineController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly followers: ProjectionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: '隔离事件 / Events a follower could not apply' })
  @ApiResponse({
    status: 200,
    description: '`{ items: [{ id, follower, position, streamId, type, error, at, resolvedAt? }] }`',
  })
  async list(@Query() query: QuarantineQueryDto): Promise<{ items: QuarantinedEvent[] }> {
    return {
      items: await quarantineRepository.list(poolOf(this.dataSource), { unresolvedOnly: !query.all, limit: 1000 }),
    };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: '重试隔离事件 / Apply a quarantined event again (after a fix)' })
  @ApiResponse({
    status: 200,
    description: '`{ applied, entry }`: whether it went through this time, and the entry now',
  })
  @ApiResponse({ status: 404, description: 'No such entry' })
  async retry(@Param('id') id: string): Promise<{ applied: boolean; entry: QuarantinedEvent }> {
    const pool = poolOf(this.dataSource);
    const entry = await quarantineRepository.find(pool, id);
    if (!entry) throw missing();
    const runner = this.followers.runner(entry.follower);
    const position = BigInt(entry.position);
    const [event] = await this.store.readLog({ after: position - 1n, limit: 1 });
    if (!runner || !event || event.position !== position) throw missing();
    const applied = entry.resolvedAt ? true : await runner.retryQuarantined(event);
    return { applied, entry: (await quarantineRepository.find(pool, id)) ?? entry };
  }
}
