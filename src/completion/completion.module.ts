import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { TargetsModule } from '../targets/targets.module';
import { WarningsModule } from '../warnings/warnings.module';
import { CompletionController } from './completion.controller';
import { CompletionService } from './completion.service';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';
import { CompletionReadModel } from './read-model/completion.read-model';
import { TargetAsOfController } from './target-as-of.controller';
import { registersProjections } from '../projections/registry';
import { targetsWithCompletion } from './read-model/completion.projection';

@Module({
  imports: [CatalogModule, TargetsModule, WarningsModule],
  controllers: [CompletionController, OverviewController, TargetAsOfController],
  providers: [registersProjections(targetsWithCompletion), CompletionService, OverviewService, CompletionReadModel],
})
export class CompletionModule {}
