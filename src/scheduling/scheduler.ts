import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '../database/data-source';
import { AdvisoryLeadership, Leadership, SOLE_LEADERSHIP } from '../projections/follower/leadership';

/**
 * Something the server does on a timer — time as an event: it reads the time from the application
 * clock and writes through idempotent commands (or rows keyed by what they record), so running it
 * twice, or late, records nothing twice.
 */
export interface ScheduledJob {
  /** Unique: the job's leadership is taken by this name. */
  readonly jobName: string;
  readonly everyMs: number;
  /** Also once when the server starts (a server that was down catches up). */
  readonly atBoot: boolean;
  /** Records what is due by the application clock's now; returns how many things it recorded. */
  tick(): Promise<number>;
}

/**
 * Provided (true) by an application context whose jobs must not run on timers: a command-line import or the
 * demo, which record what is due themselves, at the moments they choose (`tick()` of the job).
 */
export const SCHEDULED_JOBS_OFF = Symbol('SCHEDULED_JOBS_OFF');

/**
 * The one scheduler mechanism (定时任务): each registered job ticks every `everyMs`, on exactly one
 * instance of those sharing a database — the one that holds the job's leadership (a PostgreSQL
 * advisory lock; the embedded database has one process) — and never overlaps itself.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly jobs: ScheduledJob[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<number>>();
  private readonly leadership: Leadership;
  private started = false;
  private stopped = false;

  constructor(
    dataSource: DataSource,
    @Optional() @Inject(SCHEDULED_JOBS_OFF) private readonly jobsOff: boolean = false,
  ) {
    const pool = poolOf(dataSource);
    this.leadership = (pool.options.max ?? 10) > 1 ? new AdvisoryLeadership(pool) : SOLE_LEADERSHIP;
  }

  register(job: ScheduledJob): void {
    if (this.jobs.some((j) => j.jobName === job.jobName)) throw new Error(`job ${job.jobName} registered twice`);
    this.jobs.push(job);
    if (this.started) this.start(job);
  }

  onApplicationBootstrap(): void {
    if (this.jobsOff) return;
    this.started = true;
    for (const job of this.jobs) this.start(job);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all([...this.running.values()].map((run) => run.catch(() => 0)));
    await this.leadership.close();
  }

  /** Ticks the job now if this instance leads it (a tick already running is joined); 0 when another instance leads. */
  async fire(job: ScheduledJob): Promise<number> {
    if (this.stopped) return 0;
    const current = this.running.get(job.jobName);
    if (current) return current;
    if (!(await this.leadership.tryAcquire(`scheduler:${job.jobName}`))) return 0;
    const again = this.running.get(job.jobName);
    if (again) return again;
    const run = job.tick().finally(() => this.running.delete(job.jobName));
    this.running.set(job.jobName, run);
    return run;
  }

  private start(job: ScheduledJob): void {
    const fire = () =>
      void this.fire(job).catch((error: unknown) =>
        this.logger.error(`${job.jobName} tick failed: ${(error as Error).message}`),
      );
    const timer = setInterval(fire, job.everyMs);
    timer.unref();
    this.timers.push(timer);
    if (job.atBoot) fire();
  }
}
