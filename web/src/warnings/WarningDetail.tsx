import { Descriptions, Drawer, Grid, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { inLanguage } from '../api/problem';
import { formatPeriod, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { AcknowledgeForm } from '../reporting/AcknowledgeForm';
import { linkWithAsOf } from '../shell/as-of';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useSession } from '../shell/session';
import { useAsOf } from '../shell/use-as-of';
import { LevelTag, StateText } from './LevelTag';
import { useWarning } from './queries';
import type { WarningItem } from './warning-types';
import { WarningTimeline } from './WarningTimeline';
import { WarningActions } from '../notifications/WarningActions';

const ACKNOWLEDGEABLE = new Set(['raised', 'escalated']);

/** One warning: what it says, its lifecycle as a timeline and, for its own unit, the acknowledgement form. */
export function WarningDetail({
  id,
  onClose,
  categoryOf,
}: {
  id: string | undefined;
  onClose: () => void;
  categoryOf: (indicatorCode: string) => string | undefined;
}) {
  const { m, t } = useI18n();
  const { asOf, historical } = useAsOf();
  const warning = useWarning(id, asOf);
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={m.warningsPage.detailTitle}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      closable={{ 'aria-label': m.close }}
    >
      {warning.error ? (
        <ProblemAlert error={warning.error} />
      ) : warning.isPending ? (
        <Skeleton active />
      ) : warning.data ? (
        <WarningBody warning={warning.data} historical={historical} asOf={asOf} categoryOf={categoryOf} />
      ) : (
        <Typography.Text>{t(m.warningsPage.notFound, { id: id ?? '' })}</Typography.Text>
      )}
    </Drawer>
  );
}

function WarningBody({
  warning,
  historical,
  asOf,
  categoryOf,
}: {
  warning: WarningItem;
  historical: boolean;
  asOf: string | undefined;
  categoryOf: (code: string) => string | undefined;
}) {
  const { m, language } = useI18n();
  const { user } = useSession();
  const w = m.warningsPage;
  const ownUnit = !!user?.roles.includes('unit') && user.unitCode === warning.unitCode;
  return (
    <div className="warning-detail">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={m.unit}>{warning.unitName ?? warning.unitCode}</Descriptions.Item>
        <Descriptions.Item label={w.target}>
          <Link to={linkWithAsOf(`/targets/${warning.targetId}`, asOf)}>
            {warning.indicatorCode} {warning.indicatorName}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={m.category}>{categoryOf(warning.indicatorCode) ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={m.levelLabel}>
          <LevelTag level={warning.level} />
        </Descriptions.Item>
        <Descriptions.Item label={m.stateLabel}>
          <StateText state={warning.state} />
        </Descriptions.Item>
        <Descriptions.Item label={w.kindLabel}>{w.kind[warning.kind] ?? warning.kind}</Descriptions.Item>
        <Descriptions.Item label={m.period}>{formatPeriod(warning.period, language)}</Descriptions.Item>
        <Descriptions.Item label={m.raisedAt}>{formatTime(warning.raisedAt)}</Descriptions.Item>
        <Descriptions.Item label={m.warningReason}>{inLanguage(warning.reason, language)}</Descriptions.Item>
      </Descriptions>
      <section aria-labelledby="warning-lifecycle" className="section">
        <h3 id="warning-lifecycle" className="card-title section-gap">
          {w.lifecycle}
        </h3>
        <WarningTimeline warning={warning} />
      </section>
      {ACKNOWLEDGEABLE.has(warning.state) && ownUnit && (
        <section aria-labelledby="warning-acknowledge" className="section">
          <h3 id="warning-acknowledge" className="card-title section-gap">
            {w.acknowledgeTitle}
          </h3>
          {historical && <Typography.Paragraph>{m.writesDisabled}</Typography.Paragraph>}
          <AcknowledgeForm
            warning={{ id: warning.id, targetId: warning.targetId, level: warning.level, state: warning.state }}
            disabled={historical}
          />
        </section>
      )}
      <WarningActions
        warning={{ id: warning.id, targetId: warning.targetId, level: warning.level, state: warning.state }}
        what={`${warning.indicatorName ?? warning.indicatorCode} ${warning.unitName ?? warning.unitCode}`}
        disabled={historical}
        defaultOpen
      />
    </div>
  );
}
