import { Module } from '@nestjs/common';
import { AuditQueries } from '../audit/audit.queries';
import { CatalogModule } from '../catalog/catalog.module';
import { TargetsModule } from '../targets/targets.module';
import { ImportsController } from './imports.controller';
import { ProgressIntake } from './progress-intake';

@Module({
  imports: [CatalogModule, TargetsModule],
  controllers: [ImportsController],
  providers: [ProgressIntake, AuditQueries],
})
export class ImportsModule {}
