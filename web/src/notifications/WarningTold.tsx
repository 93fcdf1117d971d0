import { Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { ScrollRegion } from '../bulletins/ScrollRegion';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useWarningTold } from './queries';
import type { WarningToldView } from './views';

type Messages = ReturnType<typeof useI18n>['m']['notifications'];

/** One line of 通知记录: an in-app notification or a delivery (email, robot, webhook). */
interface ToldRow {
  key: string;
  at: string;
  kind: string;
  recipient: string;
  channel: string;
  state: string;
  /** A failed delivery's last error. */
  error?: string;
}

/** The in-app notifications and the deliveries of a warning as one list, in the order they happened. */
function toldRows(told: WarningToldView, n: Messages, t: ReturnType<typeof useI18n>['t']): ToldRow[] {
  const rows: ToldRow[] = [
    ...told.notifications.map((x) => ({
      key: x.id,
      at: x.createdAt,
      kind: n.kind[x.kind] ?? x.kind,
      recipient: x.displayName ?? x.username ?? x.userId,
      channel: n.inApp,
      state: x.readAt ? t(n.readAt, { time: formatTime(x.readAt) }) : n.notRead,
    })),
    ...told.deliveries.map((d) => ({
      key: d.id,
      at: d.sentAt ?? d.createdAt,
      kind: n.kind[d.kind] ?? d.kind,
      recipient: d.recipient,
      channel: n.channelKinds[d.channelKind] ?? d.channelKind,
      state: n.state[d.state] ?? d.state,
      error: d.lastError ?? undefined,
    })),
  ];
  // Stable: at the same moment the in-app notification comes before its deliveries.
  return rows.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * 通知记录 (促进 evidence): who was told of a warning, when, through which channel and whether they
 * read it, and the urgings with their replies. Folded until opened, so a list of warnings stays short.
 */
export function WarningTold({ warningId, defaultOpen = false }: { warningId: string; defaultOpen?: boolean }) {
  const { m, t } = useI18n();
  const n = m.notifications;
  const [open, setOpen] = useState(defaultOpen);
  const told = useWarningTold(warningId, open);
  return (
    <details className="warning-told" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{n.told}</summary>
      {told.error ? (
        <ProblemAlert error={told.error} />
      ) : !told.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <div>
          {!told.data.notifications.length && !told.data.deliveries.length ? (
            <Empty description={n.noTold} />
          ) : (
            <ScrollRegion label={n.toldTitle}>
              <table className="plain-table" aria-label={`${n.toldTitle} ${warningId}`}>
                <thead>
                  <tr>
                    <th scope="col">{n.time}</th>
                    <th scope="col">{n.kindLabel}</th>
                    <th scope="col">{n.recipient}</th>
                    <th scope="col">{n.channel}</th>
                    <th scope="col">
                      {n.readState} / {n.stateLabel}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {toldRows(told.data, n, t).map((row) => (
                    <tr key={row.key}>
                      <td className="nowrap">{formatTime(row.at)}</td>
                      <td className="nowrap">{row.kind}</td>
                      <td>{row.recipient}</td>
                      <td className="nowrap">{row.channel}</td>
                      <td className="told-state">
                        {row.state}
                        {row.error ? ` — ${row.error}` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          <h4 className="warning-told-heading">{n.urgings}</h4>
          {!told.data.urgings.length ? (
            <Typography.Text>{n.noUrgings}</Typography.Text>
          ) : (
            <ul className="plain-list">
              {told.data.urgings.map((u) => (
                <li key={u.id}>
                  {t(n.urgedBy, { by: u.urgedBy, time: formatTime(u.urgedAt) })}：{u.message}
                  {u.replyBy && ` · ${t(n.replyByAt, { time: formatTime(u.replyBy) })}`}
                  {u.repliedAt &&
                    (u.reply
                      ? ` · ${t(n.repliedAt, { by: u.repliedBy ?? '', time: formatTime(u.repliedAt), reply: u.reply })}`
                      : ` · ${t(n.answeredByAcknowledgement, { time: formatTime(u.repliedAt) })}`)}
                  {u.replyOverdueAt && ` · ${t(n.replyOverdue, { time: formatTime(u.replyOverdueAt) })}`}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}
