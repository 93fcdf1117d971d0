import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { TargetsModule } from '../targets/targets.module';
import { WARNING_HANDLERS } from './application/warning.handlers';
import { WarningsController } from './http/warnings.controller';
import { WarningsReactor } from './reactor/warnings-reactor';
import { WarningQueries } from './read-model/warnings.queries';
import { WarningsRepository } from './read-model/warnings.repository';
import { registersProjections } from '../projections/registry';
import { warningsProjection } from './read-model/warnings.projection';

@Module({
  imports: [TargetsModule, CatalogModule],
  controllers: [WarningsController],
  providers: [
    registersProjections(warningsProjection),
    WarningsRepository,
    WarningQueries,
    WarningsReactor,
    ...WARNING_HANDLERS,
  ],
  exports: [WarningsRepository, WarningsReactor, WarningQueries],
})
export class WarningsModule {}
