import { Skeleton, Typography } from 'antd';
import { formatChangeValue } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { AuditEntry, dataLines, targetOf } from './audit-entries';
import { useTargetHistory } from './queries';

/**
 * What an entry changed. A target's event: the server's before → after of its history line (same
 * position). Any other stream (warnings, users, catalog): the event's own fields.
 */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const target = entry.streamId.startsWith('target-') ? targetOf(entry) : undefined;
  if (target) return <TargetChanges entry={entry} targetId={target} />;
  const lines = dataLines(entry.data);
  return (
    <ul className="audit-changes" aria-label={entry.type}>
      {lines.slice(0, 8).map((line) => (
        <li key={line}>{line}</li>
      ))}
      {lines.length > 8 && <li>…</li>}
    </ul>
  );
}

function TargetChanges({ entry, targetId }: { entry: AuditEntry; targetId: string }) {
  const { m } = useI18n();
  const history = useTargetHistory(targetId);
  if (history.isPending) return <Skeleton active paragraph={false} />;
  const line = history.data?.find((h) => h.position === entry.position);
  if (!line) return <AuditDataOnly entry={entry} />;
  if (!line.changes.length) return <Typography.Text type="secondary">{m.auditPage.noChanges}</Typography.Text>;
  return (
    <ul className="audit-changes">
      {line.changes.map((c) => (
        <li key={c.field}>
          <span className="audit-field">{c.field}</span>:{' '}
          <span className="audit-before">{formatChangeValue(c.before)}</span> →{' '}
          <span className="audit-after">{formatChangeValue(c.after)}</span>
        </li>
      ))}
    </ul>
  );
}

function AuditDataOnly({ entry }: { entry: AuditEntry }) {
  return (
    <ul className="audit-changes">
      {dataLines(entry.data)
        .slice(0, 8)
        .map((line) => (
          <li key={line}>{line}</li>
        ))}
    </ul>
  );
}
