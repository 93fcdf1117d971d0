import { Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';

interface Row {
  hits: number;
  seconds_left: string;
}

/**
 * Storage for @nestjs/throttler in PostgreSQL (rate_limits): one fixed window per key, counted by
 * one atomic upsert, so the limit holds across concurrent requests, several instances and restarts.
 */
@Injectable()
export class RateLimitStorage implements ThrottlerStorage {
  constructor(private readonly dataSource: DataSource) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const rows: Row[] = await this.dataSource.query(
      `INSERT INTO rate_limits AS r (key, window_started_at, hits) VALUES ($1, clock_timestamp(), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.window_started_at <= clock_timestamp() - $2 * interval '1 millisecond' THEN 1 ELSE r.hits + 1 END,
         window_started_at = CASE WHEN r.window_started_at <= clock_timestamp() - $2 * interval '1 millisecond'
                                  THEN clock_timestamp() ELSE r.window_started_at END
       RETURNING hits, extract(epoch FROM r.window_started_at + $2 * interval '1 millisecond' - clock_timestamp()) AS seconds_left`,
      [`${throttlerName}:${key}`, ttl],
    );
    const { hits, seconds_left } = rows[0];
    const secondsLeft = Math.max(1, Math.ceil(Number(seconds_left)));
    return {
      totalHits: hits,
      timeToExpire: secondsLeft,
      isBlocked: hits > limit,
      timeToBlockExpire: hits > limit ? secondsLeft : 0,
    };
  }
}
