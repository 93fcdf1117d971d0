import { Global, Module } from '@nestjs/common';
import { ProjectionsService } from './projections.service';
import { QuarantineController } from './quarantine/quarantine.controller';

@Global()
@Module({ providers: [ProjectionsService], exports: [ProjectionsService], controllers: [QuarantineController] })
export class ProjectionsModule {}
