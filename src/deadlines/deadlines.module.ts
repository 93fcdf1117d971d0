import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { DeadlineScheduler } from './deadline-scheduler';

@Module({ imports: [CatalogModule], providers: [DeadlineScheduler], exports: [DeadlineScheduler] })
export class DeadlinesModule {}
