import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { TargetsModule } from '../targets/targets.module';
import { WarningsModule } from '../warnings/warnings.module';
import { BULLETIN_HANDLERS } from './application/bulletin.handlers';
import { BulletinComparison } from './application/bulletin-comparison';
import { DraftSources } from './drafting/draft-sources';
import { BulletinsController } from './http/bulletins.controller';
import { BulletinQueries } from './read-model/bulletin.queries';
import { registersProjections } from '../projections/registry';
import { bulletinsProjection } from './read-model/bulletins.projection';

@Module({
  imports: [CatalogModule, TargetsModule, WarningsModule],
  controllers: [BulletinsController],
  providers: [
    registersProjections(bulletinsProjection),
    BulletinQueries,
    BulletinComparison,
    DraftSources,
    ...BULLETIN_HANDLERS,
  ],
})
export class BulletinsModule {}
