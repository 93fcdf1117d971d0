import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { Infrastructure } from './database/infrastructure';
import { AuditModule } from './audit/audit.module';
import { BulletinsModule } from './bulletins/bulletins.module';
import { ImportsModule } from './imports/imports.module';
import { PlanWorkbookModule } from './seeding/workbook/plan-workbook.module';
import { CatalogModule } from './catalog/catalog.module';
import { CompletionModule } from './completion/completion.module';
import { DeadlineCommandsModule } from './deadlines/deadline-commands.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { TargetsModule } from './targets/targets.module';
import { TimeTravelModule } from './time-travel/time-travel.module';
import { WarningsModule } from './warnings/warnings.module';
import { WebModule } from './web/web.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ProjectionsModule } from './projections/projections.module';
import { NotificationsModule } from './notifications/notifications.module';
import { Clock } from './shared/clock';
import { ProblemFilter } from './shared/problems/problem.filter';

export interface AppModuleOptions {
  config: AppConfig;
  infrastructure: Infrastructure;
  clock?: Clock;
}

@Module({})
export class AppModule {
  static register({ config, infrastructure, clock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.register(config, infrastructure, clock),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Secrets never reach the logs.
            redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.accessToken'],
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
        }),
        CqrsModule.forRoot(),
        ProjectionsModule,
        HealthModule,
        IdentityModule,
        CatalogModule,
        TargetsModule,
        AuditModule,
        TimeTravelModule,
        WarningsModule,
        DeadlinesModule,
        DeadlineCommandsModule,
        CompletionModule,
        BulletinsModule,
        ImportsModule,
        PlanWorkbookModule,
        NotificationsModule,
        // Last: its catch-all route answers the workbench for every path no API route took.
        WebModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
