import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Infrastructure } from '../database/infrastructure';
import { EVENT_STORE } from '../event-store/event-store.port';
import { CLOCK, Clock, systemClock } from '../shared/clock';
import { ClockController } from './clock.controller';

export const INFRASTRUCTURE = Symbol('INFRASTRUCTURE');

/** Configuration, storage and the clock, opened before Nest boots and shared by every capability. */
@Global()
@Module({})
export class InfrastructureModule {
  static register(config: AppConfig, infrastructure: Infrastructure, clock: Clock = systemClock): DynamicModule {
    return {
      module: InfrastructureModule,
      controllers: [ClockController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: INFRASTRUCTURE, useValue: infrastructure },
        { provide: DataSource, useValue: infrastructure.dataSource },
        { provide: EVENT_STORE, useValue: infrastructure.eventStore },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [AppConfig, INFRASTRUCTURE, DataSource, EVENT_STORE, CLOCK],
    };
  }
}
