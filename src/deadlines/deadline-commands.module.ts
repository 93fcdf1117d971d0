import { Module } from '@nestjs/common';
import { RecordDeadlineHandler } from './deadline.handler';

/** The deadline command's handler, apart from the scheduler: the demo records deadlines without the server's scheduler. */
@Module({ providers: [RecordDeadlineHandler] })
export class DeadlineCommandsModule {}
