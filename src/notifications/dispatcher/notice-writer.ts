import { PoolClient } from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { RecordedEvent } from '../../event-store/event-store.port';
import { USERS_TABLE } from '../../identity/read-model/users.projection';
import { Clock } from '../../shared/clock';
import { ChannelFilter, ChannelKind, ROBOT_GATHER_SECONDS, ROBOT_KINDS, channelMatches } from '../channels/channel';
import { NotificationRules, RecipientGroup } from '../rules/notification-rules';
import { Notice, messageOf } from './notice';

const NAMESPACE = '6d1c0f4e-2a8b-4f37-9c5e-8b7a6d5c4e3f';
/** Rows per multi-row insert (PostgreSQL takes arrays of any length; this bounds one statement's size). */
const FLUSH_ROWS = 1000;

interface Recipient {
  id: string;
  email: string | null;
  emailOptOut: string[];
}

/** A user as `loadRecipients` finds them: enough to tell which groups they belong to. */
interface LoadedUser extends Recipient {
  unitCode: string | null;
  roles: string[];
}

const UNIT_ROLES = ['unit', 'verifier'];

interface ChannelRow {
  id: string;
  kind: string;
  name: string;
  target: string;
  filter: ChannelFilter;
}

/**
 * Addresses notices and writes them, inside the dispatcher's checkpoint transaction: one in-app
 * notification per recipient and one pending delivery per (recipient, channel). Ids derive from the
 * causing event, the notice and the recipient, so writing the same again adds nothing.
 */
export class NoticeWriter {
  constructor(
    private readonly rules: NotificationRules,
    private readonly emailEnabled: boolean,
    private readonly clock: Clock,
  ) {}

  /** A batch on `client`: recipients and channels are looked up once, rows are written together by `flush`. */
  batch(client: PoolClient): NoticeBatch {
    return new NoticeBatch(client, this.rules, this.emailEnabled, this.clock);
  }

  /** Writes one notice at once. */
  async write(client: PoolClient, event: RecordedEvent, notice: Notice): Promise<void> {
    const batch = this.batch(client);
    batch.add(event, notice, await batch.addressees(notice));
    await batch.flush();
  }
}

export class NoticeBatch {
  private readonly notifications: unknown[][] = [];
  private readonly deliveries: unknown[][] = [];
  private readonly recipientsOf = new Map<string, Promise<Recipient[]>>();
  private channels?: Promise<ChannelRow[]>;
  /** Users loaded at once for the batch's notices (see loadRecipients), and the units and roles they cover. */
  private loaded?: { users: LoadedUser[]; units: Set<string>; roles: Set<string> };
  private readonly now: Date;

  constructor(
    private readonly client: PoolClient,
    private readonly rules: NotificationRules,
    private readonly emailEnabled: boolean,
    clock: Clock,
  ) {
    this.now = clock.now();
  }

  get size(): number {
    return this.notifications.length + this.deliveries.length;
  }

  /** Who a notice goes to (users, and the channels when its rule sends to channels). */
  async addressees(notice: Notice): Promise<{ users: Recipient[]; channels: ChannelRow[] }> {
    const rule = this.rules.rule(notice.kind, notice.planCode);
    if (!rule.enabled) return { users: [], channels: [] };
    const users = await this.recipients(rule.recipients, notice);
    if (!rule.channels.includes('channels')) return { users, channels: [] };
    this.channels ??= this.client
      .query<ChannelRow>(
        `SELECT id, kind, name, target, filter FROM notification_channels WHERE enabled AND deleted_at IS NULL ORDER BY created_at`,
      )
      .then((r) => r.rows);
    return { users, channels: await this.channels };
  }

  /** Buffers the notice's rows for its addressees. */
  add(event: RecordedEvent, notice: Notice, to: { users: Recipient[]; channels: ChannelRow[] }): void {
    const rule = this.rules.rule(notice.kind, notice.planCode);
    if (!rule.enabled) return;
    const message = JSON.stringify(messageOf(notice, { eventId: event.id, type: event.type }));
    const id = (...parts: string[]) => uuidv5([event.id, notice.kind, notice.key, ...parts].join('/'), NAMESPACE);
    const delivery = (deliveryId: string, channel: { id: string | null; kind: string }, recipient: string) => {
      const gather = ROBOT_KINDS.includes(channel.kind as ChannelKind) ? ROBOT_GATHER_SECONDS * 1000 : 0;
      return [
        deliveryId,
        channel.id,
        channel.kind,
        null as string | null,
        event.id,
        notice.warningId ?? null,
        recipient,
        message,
        new Date(this.now.getTime() + gather),
      ];
    };
    for (const user of to.users) {
      const notificationId = id('user', user.id);
      this.notifications.push([
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
        event.metadata.recordedAt,
      ]);
      if (
        rule.channels.includes('email') &&
        this.emailEnabled &&
        user.email &&
        !user.emailOptOut.includes(notice.kind)
      ) {
        const row = delivery(id('email', user.id), { id: null, kind: 'email' }, user.email);
        row[3] = notificationId;
        this.deliveries.push(row);
      }
    }
    for (const channel of to.channels) {
      if (!channelMatches(channel.filter, notice)) continue;
      if (channel.kind === 'email' && !this.emailEnabled) continue;
      this.deliveries.push(
        delivery(id('channel', channel.id), channel, channel.kind === 'email' ? channel.target : channel.name),
      );
    }
  }

  /** Writes what was buffered (multi-row inserts; a row already written is left as it is). */
  async flush(): Promise<void> {
    for (const rows of chunks(this.notifications.splice(0))) {
      await this.client.query(
        `INSERT INTO notifications (id, user_id, kind, title, body, link, source_event_id, source_type, source_position, warning_id, unit_code, plan_code, created_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                              $9::bigint[], $10::text[], $11::text[], $12::text[], $13::timestamptz[])
         ON CONFLICT (id) DO NOTHING`,
        columns(rows, 13),
      );
    }
    for (const rows of chunks(this.deliveries.splice(0))) {
      await this.client.query(
        `INSERT INTO notification_deliveries
           (id, channel_id, channel_kind, notification_id, source_event_id, warning_id, recipient, message, next_attempt_at, state, created_at)
         SELECT d.*, 'pending', $10::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                                          $8::jsonb[], $9::timestamptz[]) AS d
         ON CONFLICT (id) DO NOTHING`,
        [...columns(rows, 9), this.now],
      );
    }
  }

  /**
   * Loads in one query every active user the notices' rules may address (their units' reporters, the
   * office, the leaders), so that `addressees` picks from memory instead of querying per unit.
   */
  async loadRecipients(notices: readonly Notice[]): Promise<void> {
    const units = new Set<string>();
    const roles = new Set<string>();
    for (const notice of notices) {
      const rule = this.rules.rule(notice.kind, notice.planCode);
      if (!rule.enabled) continue;
      const wanted = groupsOf(rule.recipients, notice);
      wanted.units.forEach((u) => units.add(u));
      wanted.roles.forEach((r) => roles.add(r));
    }
    if (!units.size && !roles.size) return;
    const { rows } = await this.client.query<{
      id: string;
      unit_code: string | null;
      roles: string[];
      email: string | null;
      prefs: { emailOptOut?: string[] } | null;
    }>(
      `SELECT u.key AS id, u.unit_code, u.doc->'roles' AS roles, s.email, s.prefs
         FROM ${USERS_TABLE} u LEFT JOIN notification_user_settings s ON s.user_id = u.key
        WHERE NOT u.disabled
          AND ((u.unit_code = ANY($1::text[]) AND u.doc->'roles' ?| ARRAY['unit', 'verifier']) OR u.doc->'roles' ?| $2::text[])
        ORDER BY u.key`,
      [[...units], [...roles]],
    );
    this.loaded = {
      users: rows.map((r) => ({
        id: r.id,
        email: r.email,
        emailOptOut: r.prefs?.emailOptOut ?? [],
        unitCode: r.unit_code,
        roles: r.roles ?? [],
      })),
      units,
      roles,
    };
  }

  /** Active users of the groups the rule names; unit reporters only of the notice's unit (or the lead unit). */
  private recipients(groups: RecipientGroup[], notice: Notice): Promise<Recipient[]> {
    const { units, roles } = groupsOf(groups, notice);
    if (!units.length && !roles.length) return Promise.resolve([]);
    const loaded = this.loaded;
    if (loaded && units.every((u) => loaded.units.has(u)) && roles.every((r) => loaded.roles.has(r))) {
      return Promise.resolve(
        loaded.users
          .filter(
            (u) =>
              (u.unitCode !== null && units.includes(u.unitCode) && u.roles.some((r) => UNIT_ROLES.includes(r))) ||
              u.roles.some((r) => (roles as string[]).includes(r)),
          )
          .map(({ id, email, emailOptOut }) => ({ id, email, emailOptOut })),
      );
    }
    const key = JSON.stringify([units, roles]);
    let found = this.recipientsOf.get(key);
    if (!found) {
      found = this.client
        .query<{ id: string; email: string | null; prefs: { emailOptOut?: string[] } | null }>(
          `SELECT u.key AS id, s.email, s.prefs FROM ${USERS_TABLE} u LEFT JOIN notification_user_settings s ON s.user_id = u.key
            WHERE NOT u.disabled
              AND ((u.unit_code = ANY($1::text[]) AND u.doc->'roles' ?| ARRAY['unit', 'verifier']) OR u.doc->'roles' ?| $2::text[])
            ORDER BY u.key`,
          [units, roles],
        )
        .then(({ rows }) => rows.map((r) => ({ id: r.id, email: r.email, emailOptOut: r.prefs?.emailOptOut ?? [] })));
      this.recipientsOf.set(key, found);
    }
    return found;
  }
}

/** The units whose reporters and the roles a notice goes to, by the rule's recipient groups. */
function groupsOf(groups: RecipientGroup[], notice: Notice): { units: string[]; roles: Array<'office' | 'leader'> } {
  return {
    units: [
      ...(groups.includes('unit') && notice.unitCode ? [notice.unitCode] : []),
      ...(groups.includes('leadUnit') && notice.leadUnitCode ? [notice.leadUnitCode] : []),
    ],
    roles: groups.filter((g): g is 'office' | 'leader' => g === 'office' || g === 'leader'),
  };
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += FLUSH_ROWS) out.push(rows.slice(i, i + FLUSH_ROWS));
  return out;
}

/** Rows to one array per column (unnest's parameters). */
function columns(rows: unknown[][], count: number): unknown[][] {
  return Array.from({ length: count }, (_, c) => rows.map((row) => row[c]));
}
