import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { poolOf } from '../database/data-source';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { Follower } from './follower/follower';
import { FollowerRunner, FollowerState } from './follower/follower-runner';
import { AdvisoryLeadership, Leadership, SOLE_LEADERSHIP } from './follower/leadership';
import { LogFeed } from './follower/log-feed';
import { quarantineRepository } from './quarantine/quarantine.repository';
import { noteReadModelsBehind } from './read-your-writes';
import { DocumentProjection, ProjectedDocument } from './runner/document-projection';
import { DocumentProjectionFollower, ProjectionRunner, ProjectionRunnerOptions } from './runner/projection-runner';

export interface ProjectionLag {
  name: string;
  /** Last position applied (for a projection: in the table readers use). */
  position: string;
  /** Events between that position and the head of the log (counted up to 10,000). */
  lag: string;
  /** `rebuilding` after a version change (readers see the old table), `paused` when another version owns the checkpoint. */
  state: FollowerState;
}

/** What /health shows of each follower. */
export interface FollowerReport {
  name: string;
  /** `readModel` (a projection) or `reactor`. */
  role: Follower['role'];
  position: string;
  lagEvents: number;
  /** Seconds since the follower last made progress while events were waiting for it (0 when caught up). */
  lagSeconds: number;
  /** `rebuilding` after a version change (readers see the old table), `paused` when another version owns the checkpoint. */
  state: FollowerState;
  /** Unresolved events in the quarantine. */
  quarantined: number;
  lastError?: { message: string; at: string };
}

/** Read-your-writes wait when no configuration is given (tests constructing the service themselves). */
const DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS = 30_000;

export const PROJECTION_RUNNER_OPTIONS = Symbol('PROJECTION_RUNNER_OPTIONS');

/**
 * Every follower of the log in this process — the registered projections and the followers that
 * capabilities register (reactors) — on one shared reader of the log; started with the application
 * and stopped on shutdown.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Followers');
  private readonly pool: Pool;
  private readonly feed: LogFeed;
  private readonly leadership: Leadership;
  private readonly runners: FollowerRunner[];
  private started = false;
  private readonly readYourWritesTimeoutMs: number;

  constructor(
    dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Optional() @Inject(PROJECTION_RUNNER_OPTIONS) private readonly options: ProjectionRunnerOptions = {},
    @Optional() config?: AppConfig,
  ) {
    this.readYourWritesTimeoutMs = config?.readYourWritesTimeoutMs ?? DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS;
    this.pool = poolOf(dataSource);
    this.feed = new LogFeed(eventStore);
    // Several instances may share a PostgreSQL; the embedded database has one process by construction.
    this.leadership = (this.pool.options.max ?? 10) > 1 ? new AdvisoryLeadership(this.pool) : SOLE_LEADERSHIP;
    this.runners = [];
  }

  /** A capability's projection, run live (see `registersProjections`); before the application starts. */
  addProjection(projection: DocumentProjection): FollowerRunner {
    return this.addRunner(
      new ProjectionRunner(projection, this.pool, this.eventStore, this.options, this.feed, this.leadership),
    );
  }

  /** A capability's own follower (e.g. the warnings reactor); before the application starts. */
  register(follower: Follower): FollowerRunner {
    return this.addRunner(new FollowerRunner(follower, this.pool, this.feed, this.options, this.leadership));
  }

  /** The projections run live in this process. */
  projections(): DocumentProjection[] {
    return this.runners.flatMap((r) => (r instanceof ProjectionRunner ? [r.projection as DocumentProjection] : []));
  }

  private addRunner(runner: FollowerRunner): FollowerRunner {
    const name = runner.follower.name;
    if (this.started) throw new Error(`follower '${name}' registered after the start`);
    if (this.runners.some((r) => r.follower.name === name)) throw new Error(`follower '${name}' registered twice`);
    this.runners.push(runner);
    return runner;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    await this.feed.start();
    for (const runner of this.runners) await runner.start();
    const states = this.runners.map((r) =>
      r.state === 'following' ? r.follower.name : `${r.follower.name} (${r.state})`,
    );
    this.logger.log(`started ${states.join(', ') || 'no followers'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
    await this.leadership.close();
    await this.feed.stop();
  }

  /**
   * Read-your-writes: waits until every read model has applied the log up to `position`, every
   * reactor has acted on it, and the read models have applied what the reactors appended meanwhile
   * (a report's warning is visible with the report). False if that took longer than the timeout
   * (by default the configured `readYourWritesTimeoutMs`); a request's answer then carries
   * `X-Read-Models-Behind` (see ReadModelsBehindInterceptor).
   */
  async waitFor(position: bigint, timeoutMs = this.readYourWritesTimeoutMs): Promise<boolean> {
    const caughtUp = await this.waitForFollowers(position, timeoutMs);
    if (!caughtUp) {
      noteReadModelsBehind(position);
      this.logger.warn(`read-your-writes: the followers had not reached ${position} after ${timeoutMs} ms`);
    }
    return caughtUp;
  }

  private async waitForFollowers(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const left = () => Math.max(1, deadline - Date.now());
    const reactors = this.runners.filter((r) => r.follower.role === 'reactor');
    const acted = await Promise.all(reactors.map((r) => r.waitFor(position, left())));
    // A reactor led by another instance: what its leader had appended when its checkpoint passed `position`.
    const produced = reactors.reduce((max, r) => {
      const p = r.producedPosition();
      return p > max ? p : max;
    }, position);
    const applied = await this.waitForReadModels(produced, left());
    return acted.every(Boolean) && applied;
  }

  /** Waits until every read model (not the reactors) has applied the log up to `position`. */
  async waitForReadModels(position: bigint, timeoutMs = 5000): Promise<boolean> {
    const readModels = this.runners.filter((r) => r.follower.role === 'readModel');
    const results = await Promise.all(readModels.map((r) => r.waitFor(position, timeoutMs)));
    return results.every(Boolean);
  }

  /** Events each follower is behind the head of the log. */
  async lag(): Promise<ProjectionLag[]> {
    const head = await this.eventStore.headPosition();
    return Promise.all(
      this.runners.map(async (r) => ({
        name: r.follower.name,
        position: r.appliedPosition.toString(),
        lag: (await this.eventsBetween(r.appliedPosition, head)).toString(),
        state: r.state,
      })),
    );
  }

  /** Where each follower stands: position, events and seconds behind the head, state, quarantine, last error. */
  async report(): Promise<FollowerReport[]> {
    const head = await this.eventStore.headPosition();
    const quarantined = await quarantineRepository.unresolvedCounts(this.pool);
    return Promise.all(
      this.runners.map(async (r) => {
        const health = r.health();
        const behind = await this.eventsBetween(health.position, head);
        return {
          name: health.name,
          role: health.role,
          position: health.position.toString(),
          lagEvents: behind,
          lagSeconds: behind > 0 ? Math.round((Date.now() - health.lastProgressAt.getTime()) / 100) / 10 : 0,
          state: health.state,
          quarantined: quarantined.get(health.name) ?? 0,
          ...(health.lastError ? { lastError: health.lastError } : {}),
        };
      }),
    );
  }

  /** The runner of a follower, by name (the quarantine's retry). */
  /** The live follower of a document projection of this process, to observe what it computes (see DocumentProjectionFollower.observe). */
  documentFollower<Doc extends ProjectedDocument>(
    projection: DocumentProjection<Doc>,
  ): DocumentProjectionFollower<Doc> | undefined {
    const follower = this.runner(projection.name)?.follower;
    return follower instanceof DocumentProjectionFollower ? (follower as DocumentProjectionFollower<Doc>) : undefined;
  }

  runner(name: string): FollowerRunner | undefined {
    return this.runners.find((r) => r.follower.name === name);
  }

  private async eventsBetween(from: bigint, to: bigint): Promise<number> {
    if (from >= to) return 0;
    // Positions are sparse, so the lag is counted, not subtracted; bounded so /health stays cheap.
    const page = await this.eventStore.readLog({ after: from, limit: 10000 });
    return page.filter((e) => e.position <= to).length;
  }
}
