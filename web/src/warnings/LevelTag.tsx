import { useI18n } from '../i18n/i18n';
import { STATUS_COLOURS } from '../shell/StatusTag';

/** 黄色预警 / 红色预警 in the traffic-light colours, always with the word. */
export function LevelTag({ level }: { level: string }) {
  const { m } = useI18n();
  const colour = STATUS_COLOURS[level] ?? STATUS_COLOURS.not_started;
  return (
    <span className="status-tag" style={{ color: colour, borderColor: colour }}>
      <span className="status-dot" style={{ background: colour }} aria-hidden="true" />
      {m.level[level] ?? level}
    </span>
  );
}

/** The warning's state as a word (已发出, 已升级, 已说明, 已解除). */
export function StateText({ state }: { state: string }) {
  const { m } = useI18n();
  return <span className={`warning-state warning-state-${state}`}>{m.state[state] ?? state}</span>;
}
