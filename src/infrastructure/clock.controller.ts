import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock } from '../shared/clock';

/**
 * The application clock's time, which is not the wall clock's on a demo or training copy (the demo runs
 * in 2021): the workbench opens its date pickers on it.
 */
@ApiTags('clock')
@Controller('api/clock')
export class ClockController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Get()
  @ApiOperation({ summary: '系统时间 / The application clock’s time' })
  now(): { now: string } {
    return { now: this.clock.now().toISOString() };
  }
}
