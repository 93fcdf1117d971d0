import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { AppConfig } from '../config/app-config';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { TargetsModule } from '../targets/targets.module';
import { WarningsModule } from '../warnings/warnings.module';
import { WorkingDayCalendarController } from './calendar/working-day-calendar.controller';
import { WorkingDayCalendars } from './calendar/working-day-calendars';
import { ChannelsController } from './channels/channels.controller';
import { ChannelsRepository } from './channels/channels.repository';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveryWorker } from './deliveries/delivery-worker';
import { NotificationDispatcher } from './dispatcher/notification-dispatcher';
import { InboxController } from './inbox/inbox.controller';
import { QuarantineAlarm } from './quarantine-alarm/quarantine-alarm';
import { ReminderScheduler } from './reminders/reminder-scheduler';
import { RecordReminderDueHandler } from './reminders/reminder.handler';
import { NotificationRules } from './rules/notification-rules';
import { UserSettingsController } from './settings/user-settings.controller';
import { RecordUrgingReplyOverdueHandler, ReplyToUrgingHandler, UrgeUnitHandler } from './urging/urge.handler';
import { UrgingsController } from './urging/urgings.controller';
import { ReportUrgingsController } from './urging/report-urgings.controller';
import { UrgeUnitOnWarningsHandler } from './urging/urge-on-warnings.handler';

/**
 * Notifications (预警通知 · 临期提醒 · 催办): the dispatcher follows the log and writes the inbox and
 * the deliveries; the worker sends them; the scheduler records reminders and unanswered urgings.
 */
@Module({
  imports: [CatalogModule, SchedulingModule, TargetsModule, WarningsModule],
  controllers: [
    InboxController,
    UserSettingsController,
    ChannelsController,
    DeliveriesController,
    UrgingsController,
    ReportUrgingsController,
    WorkingDayCalendarController,
  ],
  providers: [
    {
      provide: NotificationRules,
      useFactory: (config: AppConfig) => new NotificationRules(config.notificationRules),
      inject: [AppConfig],
    },
    ChannelsRepository,
    DeliveryWorker,
    NotificationDispatcher,
    WorkingDayCalendars,
    ReminderScheduler,
    QuarantineAlarm,
    UrgeUnitHandler,
    UrgeUnitOnWarningsHandler,
    RecordUrgingReplyOverdueHandler,
    ReplyToUrgingHandler,
    RecordReminderDueHandler,
  ],
  exports: [NotificationDispatcher, DeliveryWorker, ReminderScheduler, QuarantineAlarm],
})
export class NotificationsModule {}
