/** A row of `notification_deliveries` as it is read back (`DELIVERY_COLUMNS`). */
export interface DeliveryRow {
  id: string;
  channel_id: string | null;
  channel_kind: string;
  notification_id: string | null;
  source_event_id: string;
  warning_id: string | null;
  recipient: string;
  state: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  sent_at: Date | null;
  message: { kind: string; title: string };
}

/**
 * The columns a new delivery is written with (state, attempts and times take the table's defaults); the
 * message as JSON text, made once per notice and spliced into the rows' JSON unparsed.
 */
export type NewDeliveryRow = Pick<
  DeliveryRow,
  | 'id'
  | 'channel_id'
  | 'channel_kind'
  | 'notification_id'
  | 'source_event_id'
  | 'warning_id'
  | 'recipient'
  | 'next_attempt_at'
> & { message: string };

export const DELIVERY_COLUMNS = `id, channel_id, channel_kind, notification_id, source_event_id, warning_id, recipient, state, attempts, last_error, next_attempt_at, created_at, sent_at, message`;

export const deliveryResponse = (r: DeliveryRow) => ({
  id: r.id,
  channelId: r.channel_id,
  channelKind: r.channel_kind,
  notificationId: r.notification_id,
  sourceEventId: r.source_event_id,
  warningId: r.warning_id,
  recipient: r.recipient,
  kind: r.message.kind,
  title: r.message.title,
  state: r.state,
  attempts: r.attempts,
  ...(r.last_error ? { lastError: r.last_error } : {}),
  ...(r.state === 'failed' ? { nextAttemptAt: r.next_attempt_at.toISOString() } : {}),
  createdAt: r.created_at.toISOString(),
  ...(r.sent_at ? { sentAt: r.sent_at.toISOString() } : {}),
});
