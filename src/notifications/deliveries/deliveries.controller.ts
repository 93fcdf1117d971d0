import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '../../database/data-source';
import { Roles } from '../../identity/auth/roles.decorator';
import { CLOCK, Clock } from '../../shared/clock';
import { conflict, notFound } from '../../shared/problems/domain-error';
import { DeliveryQueryDto } from '../channels/channel.dto';
import { uuidParam } from '../uuid-param';
import { DELIVERY_COLUMNS, DeliveryRow, deliveryResponse } from './delivery-row';
import { DeliveryWorker } from './delivery-worker';

/** Deliveries (投递记录) with their state; the office retries a failed or dead one. */
@ApiTags('notifications')
@Controller('api/notification-deliveries')
@Roles('office')
export class DeliveriesController {
  private readonly pool: Pool;

  constructor(
    dataSource: DataSource,
    private readonly worker: DeliveryWorker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.pool = poolOf(dataSource);
  }

  @Get()
  @ApiOperation({ summary: '投递记录 / Deliveries' })
  async list(@Query() q: DeliveryQueryDto) {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM notification_deliveries
        WHERE ($1::uuid IS NULL OR channel_id = $1) AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR source_event_id = $3)
        ORDER BY created_at DESC, id DESC LIMIT 500`,
      [q.channelId ?? null, q.state ?? null, q.sourceEventId ?? null],
    );
    return { items: rows.map(deliveryResponse) };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: '重试投递 / Retry a failed or dead delivery now' })
  async retry(@Param('id', uuidParam()) id: string) {
    const { rows } = await this.pool.query<DeliveryRow>(
      `UPDATE notification_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $2, lease_until = NULL
        WHERE id = $1 AND state IN ('failed', 'dead') RETURNING ${DELIVERY_COLUMNS}`,
      [id, this.clock.now()],
    );
    if (!rows[0]) {
      const { rows: existing } = await this.pool.query<{ state: string }>(
        `SELECT state FROM notification_deliveries WHERE id = $1`,
        [id],
      );
      if (!existing[0]) throw notFound('delivery-not-found', `投递 ${id} 不存在 / Delivery '${id}' not found`);
      throw conflict(
        'delivery-not-retryable',
        `投递状态为 ${existing[0].state}，只能重试失败的投递 / Only failed or dead deliveries can be retried (this one is ${existing[0].state})`,
      );
    }
    this.worker.wakeSoon();
    return deliveryResponse(rows[0]);
  }
}
