import { Module } from '@nestjs/common';
import { Scheduler } from './scheduler';

/** The scheduler every timed job registers with (deadlines, reminders, the quarantine alarm). */
@Module({ providers: [Scheduler], exports: [Scheduler] })
export class SchedulingModule {}
