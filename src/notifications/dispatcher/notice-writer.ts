import { PoolClient } from 'pg';
import { RecordedEvent } from '../../event-store/event-store.port';
import { USERS_TABLE } from '../../identity/read-model/users.projection';
import { Clock } from '../../shared/clock';
import { ChannelFilter, ChannelKind, ROBOT_GATHER_SECONDS, ROBOT_KINDS, channelMatches } from '../channels/channel';
import { NotificationRules, RecipientGroup } from '../rules/notification-rules';
import { NewDeliveryRow } from '../deliveries/delivery-row';
import { nameBasedIds } from './name-based-id';
import { Notice, messageOf } from './notice';

/** Ids of notifications and deliveries: version-5 UUIDs in this namespace (never change it: replays rely on it). */
const idOf = nameBasedIds('6d1c0f4e-2a8b-4f37-9c5e-8b7a6d5c4e3f');
/** Rows per multi-row insert (bounds one statement's size). */
const FLUSH_ROWS = 2000;

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

interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  source_event_id: string;
  source_type: string;
  source_position: string;
  warning_id: string | null;
  unit_code: string | null;
  plan_code: string | null;
  created_at: string;
}

export class NoticeBatch {
  private readonly notifications: NotificationRow[] = [];
  private readonly deliveries: NewDeliveryRow[] = [];
  private channels?: Promise<ChannelRow[]>;
  /** Active users of the units and roles loaded so far (see loadRecipients). */
  private readonly users: LoadedUser[] = [];
  private readonly loadedUnits = new Set<string>();
  private readonly loadedRoles = new Set<string>();
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
    const prefix = `${event.id}/${notice.kind}/${notice.key}/`;
    const warningId = notice.warningId ?? null;
    const delivery = (
      id: string,
      channel: { id: string | null; kind: string },
      recipient: string,
      notificationId: string | null,
    ): NewDeliveryRow => ({
      id,
      channel_id: channel.id,
      channel_kind: channel.kind,
      notification_id: notificationId,
      source_event_id: event.id,
      warning_id: warningId,
      recipient,
      message,
      next_attempt_at: ROBOT_KINDS.includes(channel.kind as ChannelKind)
        ? new Date(this.now.getTime() + ROBOT_GATHER_SECONDS * 1000)
        : this.now,
    });
    const email = rule.channels.includes('email') && this.emailEnabled;
    for (const user of to.users) {
      const notificationId = idOf(`${prefix}user/${user.id}`);
      this.notifications.push({
        id: notificationId,
        user_id: user.id,
        kind: notice.kind,
        title: notice.title,
        body: notice.text,
        link: notice.link,
        source_event_id: event.id,
        source_type: event.type,
        source_position: event.position.toString(),
        warning_id: warningId,
        unit_code: notice.unitCode ?? null,
        plan_code: notice.planCode ?? null,
        created_at: event.metadata.recordedAt,
      });
      if (email && user.email && !user.emailOptOut.includes(notice.kind))
        this.deliveries.push(
          delivery(idOf(`${prefix}email/${user.id}`), { id: null, kind: 'email' }, user.email, notificationId),
        );
    }
    for (const channel of to.channels) {
      if (!channelMatches(channel.filter, notice)) continue;
      if (channel.kind === 'email' && !this.emailEnabled) continue;
      this.deliveries.push(
        delivery(
          idOf(`${prefix}channel/${channel.id}`),
          channel,
          channel.kind === 'email' ? channel.target : channel.name,
          null,
        ),
      );
    }
  }

  /**
   * Writes what was buffered (multi-row inserts from one JSON parameter each: JSON.stringify is native,
   * where array parameters are escaped element by element; a row already written is left as it is).
   */
  async flush(): Promise<void> {
    for (const rows of chunks(this.notifications.splice(0))) {
      await this.client.query(
        `INSERT INTO notifications (id, user_id, kind, title, body, link, source_event_id, source_type, source_position, warning_id, unit_code, plan_code, created_at)
         SELECT * FROM json_to_recordset($1::json) AS n(id uuid, user_id text, kind text, title text, body text, link text,
           source_event_id text, source_type text, source_position bigint, warning_id text, unit_code text, plan_code text, created_at timestamptz)
         ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(rows)],
      );
    }
    for (const rows of chunks(this.deliveries.splice(0))) {
      await this.client.query(
        `INSERT INTO notification_deliveries
           (id, channel_id, channel_kind, notification_id, source_event_id, warning_id, recipient, message, next_attempt_at, state, created_at)
         SELECT d.*, 'pending', $2::timestamptz FROM json_to_recordset($1::json) AS d(id uuid, channel_id uuid, channel_kind text,
           notification_id uuid, source_event_id text, warning_id text, recipient text, message jsonb, next_attempt_at timestamptz)
         ON CONFLICT (id) DO NOTHING`,
        [deliveriesJson(rows), this.now],
      );
    }
  }

  /**
   * Loads in one query every active user the notices' rules may address (their units' reporters, the
   * office, the leaders) that is not loaded yet, so that `addressees` picks from memory.
   */
  async loadRecipients(notices: readonly Notice[]): Promise<void> {
    const units = new Set<string>();
    const roles = new Set<string>();
    for (const notice of notices) {
      const rule = this.rules.rule(notice.kind, notice.planCode);
      if (!rule.enabled) continue;
      const wanted = groupsOf(rule.recipients, notice);
      for (const unit of wanted.units) if (!this.loadedUnits.has(unit)) units.add(unit);
      for (const role of wanted.roles) if (!this.loadedRoles.has(role)) roles.add(role);
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
    const known = new Set(this.users.map((u) => u.id));
    for (const r of rows)
      if (!known.has(r.id))
        this.users.push({
          id: r.id,
          email: r.email,
          emailOptOut: r.prefs?.emailOptOut ?? [],
          unitCode: r.unit_code,
          roles: r.roles ?? [],
        });
    this.users.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    units.forEach((u) => this.loadedUnits.add(u));
    roles.forEach((r) => this.loadedRoles.add(r));
  }

  /** Active users of the groups the rule names; unit reporters only of the notice's unit (or the lead unit). */
  private async recipients(groups: RecipientGroup[], notice: Notice): Promise<Recipient[]> {
    const { units, roles } = groupsOf(groups, notice);
    if (!units.length && !roles.length) return [];
    await this.loadRecipients([notice]);
    return this.users
      .filter(
        (u) =>
          (u.unitCode !== null && units.includes(u.unitCode) && u.roles.some((r) => UNIT_ROLES.includes(r))) ||
          u.roles.some((r) => (roles as string[]).includes(r)),
      )
      .map(({ id, email, emailOptOut }) => ({ id, email, emailOptOut }));
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

/** The deliveries as one JSON array, each row's message (already JSON) spliced in as it is. */
function deliveriesJson(rows: NewDeliveryRow[]): string {
  return `[${rows.map(({ message, ...row }) => `${JSON.stringify(row).slice(0, -1)},"message":${message}}`).join(',')}]`;
}
