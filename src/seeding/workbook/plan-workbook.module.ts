import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module';
import { TargetsModule } from '../../targets/targets.module';
import { PlanWorkbookController } from './plan-workbook.controller';
import { PlanWorkbookService } from './plan-workbook.service';

@Module({
  imports: [CatalogModule, TargetsModule],
  controllers: [PlanWorkbookController],
  providers: [PlanWorkbookService],
  exports: [PlanWorkbookService],
})
export class PlanWorkbookModule {}
