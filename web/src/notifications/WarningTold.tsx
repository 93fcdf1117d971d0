import { Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useWarningTold } from './queries';

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
        <div className="table-scroll">
          {!told.data.notifications.length && !told.data.deliveries.length ? (
            <Empty description={n.noTold} />
          ) : (
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
                {told.data.notifications.map((x) => (
                  <tr key={x.id}>
                    <td>{formatTime(x.createdAt)}</td>
                    <td>{n.kind[x.kind] ?? x.kind}</td>
                    <td>{x.displayName ?? x.username ?? x.userId}</td>
                    <td>{n.inApp}</td>
                    <td>{x.readAt ? t(n.readAt, { time: formatTime(x.readAt) }) : n.notRead}</td>
                  </tr>
                ))}
                {told.data.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>{formatTime(d.sentAt ?? d.createdAt)}</td>
                    <td>{n.kind[d.kind] ?? d.kind}</td>
                    <td>{d.recipient}</td>
                    <td>{n.channelKinds[d.channelKind] ?? d.channelKind}</td>
                    <td>
                      {n.state[d.state] ?? d.state}
                      {d.lastError ? ` — ${d.lastError}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
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
