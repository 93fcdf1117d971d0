import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (预警通知 · 临期提醒 · 催办): the in-app inbox, channels and their deliveries (the
 * outbox, written in the dispatcher's checkpoint transaction), the dispatcher's own view of warnings
 * and urgings, users' notification settings, and working-day calendar years loaded by the office.
 */
export class Notifications1763780000400 implements MigrationInterface {
  name = 'Notifications1763780000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text NOT NULL,
        source_event_id text NOT NULL,
        source_type text NOT NULL,
        source_position bigint NOT NULL,
        warning_id text,
        unit_code text,
        plan_code text,
        created_at timestamptz NOT NULL,
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_user ON notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notifications_warning ON notifications (warning_id)`);
    await q.query(`
      CREATE TABLE notification_channels (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        target text NOT NULL,
        secret text,
        filter jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY,
        channel_id uuid REFERENCES notification_channels (id),
        channel_kind text NOT NULL,
        notification_id uuid,
        source_event_id text NOT NULL,
        warning_id text,
        recipient text NOT NULL,
        message jsonb NOT NULL,
        state text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE state IN ('pending', 'failed', 'sending')`,
    );
    await q.query(`CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id, state)`);
    await q.query(`CREATE INDEX notification_deliveries_source ON notification_deliveries (source_event_id)`);
    await q.query(`CREATE INDEX notification_deliveries_warning ON notification_deliveries (warning_id)`);
    await q.query(`
      CREATE TABLE notification_channel_sends (
        id bigserial PRIMARY KEY,
        channel_id uuid NOT NULL,
        sent_at timestamptz NOT NULL,
        items integer NOT NULL
      )`);
    await q.query(`CREATE INDEX notification_channel_sends_recent ON notification_channel_sends (channel_id, sent_at)`);
    await q.query(`
      CREATE TABLE notification_warnings (
        warning_id text PRIMARY KEY,
        target_id text NOT NULL,
        plan_code text NOT NULL,
        indicator_code text NOT NULL,
        unit_code text NOT NULL,
        kind text NOT NULL,
        level text NOT NULL,
        period text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE notification_urgings (
        urging_id text PRIMARY KEY,
        warning_id text NOT NULL,
        unit_code text NOT NULL,
        plan_code text NOT NULL,
        message text NOT NULL,
        urged_at timestamptz NOT NULL,
        urged_by text NOT NULL,
        reply_by timestamptz,
        replied_at timestamptz,
        reply_overdue_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX notification_urgings_open ON notification_urgings (reply_by) WHERE replied_at IS NULL AND reply_overdue_at IS NULL`,
    );
    await q.query(`CREATE INDEX notification_urgings_warning ON notification_urgings (warning_id)`);
    await q.query(`
      CREATE TABLE notification_user_settings (
        user_id text PRIMARY KEY,
        email text,
        prefs jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE working_day_calendar_years (
        year integer PRIMARY KEY,
        holidays jsonb NOT NULL,
        workdays jsonb NOT NULL,
        loaded_at timestamptz NOT NULL,
        loaded_by text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'working_day_calendar_years',
      'notification_user_settings',
      'notification_urgings',
      'notification_warnings',
      'notification_channel_sends',
      'notification_deliveries',
      'notification_channels',
      'notifications',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
