import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Infrastructure } from '../database/infrastructure';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { INFRASTRUCTURE } from '../infrastructure/infrastructure.module';
import { ProjectionsService } from '../projections/projections.service';
import { Public } from '../shared/http/public.decorator';

/** GET /health: database, event store and each projection's lag (events behind the head of the log). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly projections: ProjectionsService,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database(), () => this.events(), () => this.projectionLag()]);
  }

  private async database() {
    const indicator = this.indicators.check('database');
    try {
      await this.dataSource.query('SELECT 1');
      return indicator.up({ kind: this.infrastructure.databaseKind });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  private async events() {
    const indicator = this.indicators.check('eventStore');
    try {
      await this.eventStore.ping();
      const head = await this.eventStore.headPosition();
      return indicator.up({ kind: this.eventStore.kind, headPosition: head.toString() });
    } catch (error) {
      return indicator.down({ kind: this.eventStore.kind, message: (error as Error).message });
    }
  }

  private async projectionLag() {
    const indicator = this.indicators.check('projections');
    try {
      return indicator.up({ projections: await this.projections.lag() });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
