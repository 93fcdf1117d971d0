import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { TargetsModule } from '../targets/targets.module';
import { WarningsController } from './http/warnings.controller';
import { WarningsReactor } from './reactor/warnings-reactor';
import { WarningQueries } from './read-model/warnings.queries';

@Module({ imports: [TargetsModule, CatalogModule], controllers: [WarningsController], providers: [WarningQueries, WarningsReactor], exports: [WarningsReactor, WarningQueries] })
export class WarningsModule {}
