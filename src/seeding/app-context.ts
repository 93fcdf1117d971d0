import { DynamicModule, INestApplicationContext, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, AppModuleOptions } from '../app.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { SCHEDULED_JOBS_OFF } from '../scheduling/scheduler';

/**
 * Runs `work` inside an application context (no HTTP server) of the whole application: the command
 * handlers, the projections and the warnings reactor run as in the server, so an import or the demo
 * goes through exactly the same commands and rules. The context is closed (projections and reactor
 * stopped at their checkpoints) whatever happens.
 *
 * One thing the server runs is left out: the scheduled jobs (time as an event). Recording passed report
 * deadlines and due reminders is the server's job, on the server's clock (which may be simulated); a
 * command-line import must not record them on its own clock (the 2021 plan imported in 2026 would at once be
 * overdue everywhere), and the demo records them itself, at simulated times — a job ticking on a wall-clock
 * timer against the demo's moving clock would record different things in each run.
 */
export async function withAppContext<T>(
  options: AppModuleOptions & { logLevels?: LogLevel[] },
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const { logLevels, ...moduleOptions } = options;
  const app = await NestFactory.createApplicationContext(withoutScheduledJobs(AppModule.register(moduleOptions)), {
    logger: logLevels ?? ['error'],
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

@Module({})
class ScheduledJobsOffModule {}

function withoutScheduledJobs(module: DynamicModule): DynamicModule {
  const jobsOff: DynamicModule = {
    module: ScheduledJobsOffModule,
    global: true,
    providers: [{ provide: SCHEDULED_JOBS_OFF, useValue: true }],
    exports: [SCHEDULED_JOBS_OFF],
  };
  return { ...module, imports: [...(module.imports ?? []).filter((m) => m !== DeadlinesModule), jobsOff] };
}
