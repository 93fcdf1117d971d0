/** The notification answers the pages read (the OpenAPI document describes requests, not these answers). */
export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt?: string;
  source: { eventId: string; type: string };
  warningId?: string;
}

export interface InboxPage {
  items: NotificationItem[];
  nextCursor: string | null;
}

export interface ChannelView {
  id: string;
  name: string;
  kind: 'email' | 'dingtalk' | 'wecom' | 'webhook';
  target: string;
  hasSecret: boolean;
  filter: { unitCodes?: string[]; levels?: string[]; kinds?: string[] };
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryView {
  id: string;
  channelId: string | null;
  channelKind: string;
  notificationId: string | null;
  sourceEventId: string;
  warningId: string | null;
  recipient: string;
  kind: string;
  title: string;
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | string;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: string;
  createdAt: string;
  sentAt?: string;
}

export interface UrgingView {
  id: string;
  message: string;
  urgedAt: string;
  urgedBy: string;
  replyBy?: string;
  repliedAt?: string;
  reply?: string;
  repliedBy?: string;
  replyOverdueAt?: string;
}

export interface WarningToldView {
  warningId: string;
  notifications: Array<{
    id: string;
    userId: string;
    username: string | null;
    displayName: string | null;
    kind: string;
    sourceType: string;
    createdAt: string;
    readAt?: string;
  }>;
  deliveries: DeliveryView[];
  urgings: UrgingView[];
}

export interface NotificationSettingsView {
  email: string | null;
  notificationPrefs: { emailOptOut: string[] };
}

/** The kinds a user may receive (the API's NOTIFICATION_KINDS). */
export const NOTIFICATION_KINDS = [
  'warning_raised',
  'warning_escalated',
  'warning_cleared',
  'report_reminder',
  'report_overdue',
  'urging',
  'urging_overdue',
  'urging_replied',
  'follower_quarantined',
  'bulletin_issued',
] as const;

/** A warning's id is its target's id and a sequence (`<targetId>.w<n>`). */
export function targetIdOfWarning(warningId: string): string {
  return warningId.replace(/\.w\d+$/, '');
}
