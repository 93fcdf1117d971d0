import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '../database/data-source';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { PROJECTIONS } from './registry';
import { DocumentProjection, ProjectedDocument } from './runner/document-projection';
import { ProjectionRunner, ProjectionRunnerOptions, ProjectionRunnerState } from './runner/projection-runner';

export interface ProjectionLag {
  name: string;
  /** Last position applied to the table readers use. */
  position: string;
  /** Events between that position and the head of the log (counted up to 10,000). */
  lag: string;
  /** `rebuilding` after a version change (readers see the old table), `paused` when another version owns the table. */
  state: ProjectionRunnerState;
}

/** Overrides the registry (tests run their own projections). */
export const PROJECTION_DEFINITIONS = Symbol('PROJECTION_DEFINITIONS');
export const PROJECTION_RUNNER_OPTIONS = Symbol('PROJECTION_RUNNER_OPTIONS');

/** Starts every registered projection with the application and stops them on shutdown. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: ProjectionRunner<ProjectedDocument>[];

  constructor(
    dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Optional() @Inject(PROJECTION_DEFINITIONS) projections?: DocumentProjection[],
    @Optional() @Inject(PROJECTION_RUNNER_OPTIONS) options?: ProjectionRunnerOptions,
  ) {
    const pool = poolOf(dataSource);
    this.runners = (projections ?? PROJECTIONS).map((p) => new ProjectionRunner(p, pool, eventStore, options));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const runner of this.runners) await runner.start();
    const states = this.runners.map((r) => (r.state === 'following' ? r.projection.name : `${r.projection.name} (${r.state})`));
    this.logger.log(`started ${states.join(', ') || 'no projections'}`);
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
    return Promise.all(
      this.runners.map(async (r) => {
        const position = r.position;
        return {
          name: r.projection.name,
          position: position.toString(),
          lag: (await this.eventsBetween(position, head)).toString(),
          state: r.state,
        };
      }),
    );
  }

  private async eventsBetween(from: bigint, to: bigint): Promise<number> {
    if (from >= to) return 0;
    // Positions are sparse, so the lag is counted, not subtracted; bounded so /health stays cheap.
    const page = await this.eventStore.readLog({ after: from, limit: 10000 });
    return page.filter((e) => e.position <= to).length;
  }
}
