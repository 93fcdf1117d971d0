import { NotificationKind } from '../rules/notification-rules';

export const CHANNEL_KINDS = ['email', 'dingtalk', 'wecom', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Which notices a channel receives; an absent list means all. */
export interface ChannelFilter {
  unitCodes?: string[];
  levels?: string[];
  kinds?: NotificationKind[];
}

/** A channel as stored (the secret included: never answer this shape). */
export interface ChannelRecord {
  id: string;
  name: string;
  kind: ChannelKind;
  target: string;
  secret: string | null;
  filter: ChannelFilter;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A channel as answered: the secret is write-only, only whether one is set shows. */
export function channelResponse(c: ChannelRecord) {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    target: c.target,
    hasSecret: !!c.secret,
    filter: c.filter,
    enabled: c.enabled,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function channelMatches(
  filter: ChannelFilter,
  notice: { kind: NotificationKind; unitCode?: string; level?: string },
): boolean {
  if (filter.kinds?.length && !filter.kinds.includes(notice.kind)) return false;
  if (filter.unitCodes?.length && (!notice.unitCode || !filter.unitCodes.includes(notice.unitCode))) return false;
  // A level filter passes notices without a level (reminders, urgings) only when it is absent.
  if (filter.levels?.length && (!notice.level || !filter.levels.includes(notice.level))) return false;
  return true;
}

/** Robots (group bots) accept 20 messages a minute. */
export const ROBOT_KINDS: readonly ChannelKind[] = ['dingtalk', 'wecom'];
export const ROBOT_MESSAGES_PER_MINUTE = 20;
/** A robot delivery waits this long for others to join its digest (bursts become few messages). */
export const ROBOT_GATHER_SECONDS = 2;
