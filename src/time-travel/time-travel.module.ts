import { Global, Module } from '@nestjs/common';
import { AsOfService } from './as-of.service';

@Global()
@Module({ providers: [AsOfService], exports: [AsOfService] })
export class TimeTravelModule {}
