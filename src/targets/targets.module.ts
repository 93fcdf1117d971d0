import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { RecordProgressBatchHandler } from './application/progress-batch';
import { RecordTargetBatchHandler } from './application/target-batch';
import { TARGET_HANDLERS } from './application/target.handlers';
import { TargetsController } from './http/targets.controller';
import { LatestTargetStatus } from './read-model/latest-status';
import { TargetQueries } from './read-model/target.queries';
import { TargetsRepository } from './read-model/targets.repository';

@Module({
  imports: [CatalogModule],
  controllers: [TargetsController],
  providers: [
    TargetsRepository,
    TargetQueries,
    LatestTargetStatus,
    ...TARGET_HANDLERS,
    RecordProgressBatchHandler,
    RecordTargetBatchHandler,
  ],
  exports: [TargetsRepository, TargetQueries],
})
export class TargetsModule {}
