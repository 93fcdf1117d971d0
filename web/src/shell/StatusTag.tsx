import { useI18n } from '../i18n/i18n';

/** The traffic-light colours everyone in the field reads — always with the word beside the colour. */
export const STATUS_COLOURS: Record<string, string> = {
  completed: '#1d4ed8',
  green: '#15803d',
  yellow: '#a16207',
  red: '#b91c1c',
  overdue: '#6b21a8',
  not_started: '#4b5563',
};

export const STATUS_ORDER = ['completed', 'green', 'yellow', 'red', 'overdue', 'not_started'] as const;

/** Worst first, for the heat map's colour: red, overdue, yellow, not started, green, completed. */
export const STATUS_SEVERITY: Record<string, number> = {
  red: 5,
  overdue: 4,
  yellow: 3,
  not_started: 2,
  green: 1,
  completed: 0,
};

export function StatusTag({ status }: { status: string }) {
  const { m } = useI18n();
  const colour = STATUS_COLOURS[status] ?? '#4b5563';
  return (
    <span className="status-tag" style={{ color: colour, borderColor: colour }}>
      <span className="status-dot" style={{ background: colour }} aria-hidden="true" />
      {m.status[status] ?? status}
    </span>
  );
}
