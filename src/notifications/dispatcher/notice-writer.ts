import { PoolClient } from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { RecordedEvent } from '../../event-store/event-store.port';
import { USERS_TABLE } from '../../identity/read-model/users.projection';
import { ChannelFilter, ChannelKind, ROBOT_GATHER_SECONDS, ROBOT_KINDS, channelMatches } from '../channels/channel';
import { NotificationRules, RecipientGroup } from '../rules/notification-rules';
import { Notice, messageOf } from './notice';

const NAMESPACE = '6d1c0f4e-2a8b-4f37-9c5e-8b7a6d5c4e3f';

interface Recipient {
  id: string;
  email: string | null;
  emailOptOut: string[];
}

/**
 * Addresses a notice and writes it, inside the dispatcher's checkpoint transaction: one in-app
 * notification per recipient and one pending delivery per (recipient, channel). Ids derive from the
 * causing event, the notice and the recipient, so writing the same again adds nothing.
 */
export class NoticeWriter {
  constructor(
    private readonly rules: NotificationRules,
    private readonly emailEnabled: boolean,
  ) {}

  async write(client: PoolClient, event: RecordedEvent, notice: Notice): Promise<void> {
    const rule = this.rules.rule(notice.kind, notice.planCode);
    if (!rule.enabled) return;
    const at = event.metadata.recordedAt;
    const source = { eventId: event.id, type: event.type };
    const message = messageOf(notice, source);
    const id = (...parts: string[]) => uuidv5([event.id, notice.kind, notice.key, ...parts].join('/'), NAMESPACE);
    const recipients = await this.recipients(client, rule.recipients, notice);
    const delivery = (
      deliveryId: string,
      channel: { id: string | null; kind: string },
      recipient: string,
      notificationId: string | null,
    ) =>
      client.query(
        `INSERT INTO notification_deliveries
           (id, channel_id, channel_kind, notification_id, source_event_id, warning_id, recipient, message, state, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', now() + make_interval(secs => $9), now()) ON CONFLICT (id) DO NOTHING`,
        [
          deliveryId,
          channel.id,
          channel.kind,
          notificationId,
          event.id,
          notice.warningId ?? null,
          recipient,
          JSON.stringify(message),
          ROBOT_KINDS.includes(channel.kind as ChannelKind) ? ROBOT_GATHER_SECONDS : 0,
        ],
      );

    for (const user of recipients) {
      const notificationId = id('user', user.id);
      await client.query(
        `INSERT INTO notifications (id, user_id, kind, title, body, link, source_event_id, source_type, source_position, warning_id, unit_code, plan_code, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
        [
          notificationId,
          user.id,
          notice.kind,
          notice.title,
          notice.text,
          notice.link,
          event.id,
          event.type,
          event.position.toString(),
          notice.warningId ?? null,
          notice.unitCode ?? null,
          notice.planCode ?? null,
          at,
        ],
      );
      if (
        rule.channels.includes('email') &&
        this.emailEnabled &&
        user.email &&
        !user.emailOptOut.includes(notice.kind)
      ) {
        await delivery(id('email', user.id), { id: null, kind: 'email' }, user.email, notificationId);
      }
    }
    if (!rule.channels.includes('channels')) return;
    const { rows: channels } = await client.query<{
      id: string;
      kind: string;
      name: string;
      target: string;
      filter: ChannelFilter;
    }>(
      `SELECT id, kind, name, target, filter FROM notification_channels WHERE enabled AND deleted_at IS NULL ORDER BY created_at`,
    );
    for (const channel of channels) {
      if (!channelMatches(channel.filter, notice)) continue;
      if (channel.kind === 'email' && !this.emailEnabled) continue;
      await delivery(
        id('channel', channel.id),
        channel,
        channel.kind === 'email' ? channel.target : channel.name,
        null,
      );
    }
  }

  /** Active users of the groups the rule names; unit reporters only of the notice's unit (or the lead unit). */
  private async recipients(client: PoolClient, groups: RecipientGroup[], notice: Notice): Promise<Recipient[]> {
    const units = [
      ...(groups.includes('unit') && notice.unitCode ? [notice.unitCode] : []),
      ...(groups.includes('leadUnit') && notice.leadUnitCode ? [notice.leadUnitCode] : []),
    ];
    const roles = groups.filter((g): g is 'office' | 'leader' => g === 'office' || g === 'leader');
    if (!units.length && !roles.length) return [];
    const { rows } = await client.query<{ id: string; email: string | null; prefs: { emailOptOut?: string[] } | null }>(
      `SELECT u.key AS id, s.email, s.prefs FROM ${USERS_TABLE} u LEFT JOIN notification_user_settings s ON s.user_id = u.key
        WHERE NOT u.disabled
          AND ((u.unit_code = ANY($1::text[]) AND u.doc->'roles' ?| ARRAY['unit', 'verifier']) OR u.doc->'roles' ?| $2::text[])
        ORDER BY u.key`,
      [units, roles],
    );
    return rows.map((r) => ({ id: r.id, email: r.email, emailOptOut: r.prefs?.emailOptOut ?? [] }));
  }
}
