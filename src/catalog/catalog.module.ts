import { Module } from '@nestjs/common';
import { CatalogLookup } from './application/catalog-lookup';
import { CreatePlanHandler, DefineIndicatorHandler, RegisterUnitHandler } from './application/catalog.handlers';
import { CatalogController } from './http/catalog.controller';
import { CatalogQueries } from './read-model/catalog.queries';

@Module({
  controllers: [CatalogController],
  providers: [CatalogLookup, CatalogQueries, RegisterUnitHandler, CreatePlanHandler, DefineIndicatorHandler],
  exports: [CatalogLookup, CatalogQueries],
})
export class CatalogModule {}
