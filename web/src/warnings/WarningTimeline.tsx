import { Timeline, Typography } from 'antd';
import { inLanguage } from '../api/problem';
import { formatPeriod, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { STATUS_COLOURS } from '../shell/StatusTag';
import type { WarningItem } from './warning-types';

const colourOf = (type: string, level: string | undefined) => {
  if (type === 'WarningAcknowledged') return STATUS_COLOURS.completed;
  if (type === 'WarningCleared') return STATUS_COLOURS.green;
  return STATUS_COLOURS[level ?? 'yellow'] ?? STATUS_COLOURS.yellow;
};

/** The warning's lifecycle in recorded order: raised → updated → escalated → acknowledged → cleared, who and when. */
export function WarningTimeline({ warning }: { warning: WarningItem }) {
  const { m, language } = useI18n();
  const w = m.warningsPage;
  if (!warning.history.length) return <Typography.Text>{w.noHistory}</Typography.Text>;
  let level = warning.history[0].level;
  return (
    <Timeline
      className="warning-timeline"
      items={warning.history.map((entry, index) => {
        level = entry.level ?? level;
        const who = inLanguage(entry.by?.displayName || entry.by?.username || '', language);
        return {
          key: `${entry.type}-${index}`,
          color: colourOf(entry.type, level),
          content: (
            <div className="warning-timeline-entry">
              <div className="warning-timeline-time">{formatTime(entry.at)}</div>
              <strong>{w.events[entry.type] ?? entry.type}</strong>
              {entry.level && <span> · {m.level[entry.level] ?? entry.level}</span>}
              {entry.period && <span> · {formatPeriod(entry.period, language)}</span>}
              {who && <span> · {who}</span>}
              {entry.reason && <p>{inLanguage(entry.reason, language)}</p>}
              {entry.type === 'WarningAcknowledged' && warning.acknowledgement && (
                <>
                  <p>
                    <span className="warning-field">{m.explanation}：</span>
                    {warning.acknowledgement.explanation}
                  </p>
                  <p>
                    <span className="warning-field">{m.measures}：</span>
                    {warning.acknowledgement.measures}
                  </p>
                </>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
