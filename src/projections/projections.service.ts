import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '../database/data-source';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { PROJECTIONS } from './registry';
import { ProjectedDocument } from './runner/document-projection';
import { ProjectionRunner } from './runner/projection-runner';

export interface ProjectionLag {
  name: string;
  position: string;
  lag: string;
}

/** Starts every registered projection with the application and stops them on shutdown. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: ProjectionRunner<ProjectedDocument>[];

  constructor(
    dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {
    this.runners = PROJECTIONS.map((p) => new ProjectionRunner(p, poolOf(dataSource), eventStore));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const runner of this.runners) await runner.start();
    this.logger.log(`started ${this.runners.map((r) => r.projection.name).join(', ') || 'no projections'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }

  /**
   * Waits until every projection has applied the log up to `position`, so a client that just wrote
   * reads its own write. Returns false if that took longer than the timeout.
   */
  async waitFor(position: bigint, timeoutMs = 5000): Promise<boolean> {
    const results = await Promise.all(this.runners.map((r) => r.waitFor(position, timeoutMs)));
    return results.every(Boolean);
  }

  /** Events each projection is behind the head of the log. */
  async lag(): Promise<ProjectionLag[]> {
    const head = await this.eventStore.headPosition();
    return Promise.all(this.runners.map(async (r) => ({
      name: r.projection.name,
      position: r.position.toString(),
      lag: (await this.eventsBetween(r.position, head)).toString(),
    })));
  }

  private async eventsBetween(from: bigint, to: bigint): Promise<number> {
    if (from >= to) return 0;
    // Positions are sparse, so the lag is counted, not subtracted; bounded so /health stays cheap.
    const page = await this.eventStore.readLog({ after: from, limit: 10000 });
    return page.filter((e) => e.position <= to).length;
  }
}
