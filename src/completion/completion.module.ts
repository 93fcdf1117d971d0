import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CompletionController } from './completion.controller';
import { CompletionService } from './completion.service';

@Module({ imports: [CatalogModule], controllers: [CompletionController], providers: [CompletionService] })
export class CompletionModule {}
