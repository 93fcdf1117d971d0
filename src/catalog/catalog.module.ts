import { Module } from '@nestjs/common';
import { RecordCatalogBatchHandler } from './application/catalog-batch';
import { CatalogLookup } from './application/catalog-lookup';
import { CreatePlanHandler, DefineIndicatorHandler, RegisterUnitHandler } from './application/catalog.handlers';
import { CatalogController } from './http/catalog.controller';
import { CatalogQueries } from './read-model/catalog.queries';
import { registersProjections } from '../projections/registry';
import { indicatorsProjection, plansProjection, unitsProjection } from './read-model/catalog.projections';

@Module({
  controllers: [CatalogController],
  providers: [
    registersProjections(unitsProjection, plansProjection, indicatorsProjection),
    CatalogLookup,
    CatalogQueries,
    RegisterUnitHandler,
    CreatePlanHandler,
    DefineIndicatorHandler,
    RecordCatalogBatchHandler,
  ],
  exports: [CatalogLookup, CatalogQueries],
})
export class CatalogModule {}
