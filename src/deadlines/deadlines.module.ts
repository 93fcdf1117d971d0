import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { DeadlineScheduler } from './deadline-scheduler';

@Module({ imports: [CatalogModule, SchedulingModule], providers: [DeadlineScheduler], exports: [DeadlineScheduler] })
export class DeadlinesModule {}
