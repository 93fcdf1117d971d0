import { useI18n } from '../i18n/i18n';

/** Rank change against the previous issued bulletin: ↑ up, ↓ down, — unchanged, 新进 not ranked then (words beside the arrow). */
export function RankChange({ change }: { change: number | null }) {
  const { m, t } = useI18n();
  const b = m.bulletins;
  if (change === null) return <span className="rank-change rank-new">{b.newEntry}</span>;
  if (change > 0)
    return (
      <span className="rank-change rank-up" title={t(b.up, { n: change })}>
        ↑{change}
        <span className="visually-hidden">{t(b.up, { n: change })}</span>
      </span>
    );
  if (change < 0)
    return (
      <span className="rank-change rank-down" title={t(b.down, { n: -change })}>
        ↓{-change}
        <span className="visually-hidden">{t(b.down, { n: -change })}</span>
      </span>
    );
  return (
    <span className="rank-change" title={b.same}>
      —<span className="visually-hidden">{b.same}</span>
    </span>
  );
}
