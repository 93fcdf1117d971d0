import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { BULLETIN_HANDLERS } from './application/bulletin.handlers';
import { BulletinComparison } from './application/bulletin-comparison';
import { BulletinsController } from './http/bulletins.controller';
import { BulletinQueries } from './read-model/bulletin.queries';

@Module({
  imports: [CatalogModule],
  controllers: [BulletinsController],
  providers: [BulletinQueries, BulletinComparison, ...BULLETIN_HANDLERS],
})
export class BulletinsModule {}
