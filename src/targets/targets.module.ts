import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { TARGET_HANDLERS } from './application/target.handlers';
import { TargetsController } from './http/targets.controller';
import { TargetQueries } from './read-model/target.queries';

@Module({
  imports: [CatalogModule],
  controllers: [TargetsController],
  providers: [TargetQueries, ...TARGET_HANDLERS],
  exports: [TargetQueries],
})
export class TargetsModule {}
