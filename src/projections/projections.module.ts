import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ProjectionsService } from './projections.service';
import { QuarantineController } from './quarantine/quarantine.controller';
import { ReadModelsBehindInterceptor } from './read-your-writes';

@Global()
@Module({
  providers: [ProjectionsService, { provide: APP_INTERCEPTOR, useClass: ReadModelsBehindInterceptor }],
  exports: [ProjectionsService],
  controllers: [QuarantineController],
})
export class ProjectionsModule {}
