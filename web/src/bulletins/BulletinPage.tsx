import { Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { formatPeriod, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useSession } from '../shell/session';
import { BulletinDownloads } from './BulletinDownloads';
import { BulletinPreview } from './BulletinPreview';
import { BulletinStateTag } from './BulletinStateTag';
import { DifferenceToNow } from './DifferenceToNow';
import { DraftEditor } from './DraftEditor';
import { HashCheck } from './HashCheck';
import { IssueForm } from './IssueForm';
import { useBulletin } from './queries';
import { WithdrawForm } from './WithdrawForm';

/** One bulletin: its state, 文号 and SHA-256, the draft's editing and issuing, downloads, the composed sections. */
export default function BulletinPage() {
  const { id } = useParams();
  const { m, t, language } = useI18n();
  const { hasRole } = useSession();
  const bulletin = useBulletin(id);
  const b = m.bulletins;
  if (bulletin.error) return <ProblemAlert error={bulletin.error} />;
  if (!bulletin.data) return <Skeleton active />;
  const { view, etag } = bulletin.data;
  const office = hasRole('office');
  return (
    <div className="page bulletin-page">
      <Link to="/bulletins">{b.back}</Link>
      <Typography.Title level={1} className="page-title">
        {view.title} <BulletinStateTag state={view.state} />
      </Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={m.period}>{formatPeriod(view.period, language)}</Descriptions.Item>
          <Descriptions.Item label={b.cutoff}>{formatTime(view.cutoff)}</Descriptions.Item>
          <Descriptions.Item label={b.draftedAt}>{formatTime(view.draftedAt)}</Descriptions.Item>
          {view.documentNo && <Descriptions.Item label={b.documentNo}>{view.documentNo}</Descriptions.Item>}
          {view.issuer && <Descriptions.Item label={b.issuer}>{view.issuer}</Descriptions.Item>}
          {view.issuedAt && <Descriptions.Item label={b.issuedAt}>{formatTime(view.issuedAt)}</Descriptions.Item>}
        </Descriptions>
        {view.contentHash && <HashCheck id={view.id} contentHash={view.contentHash} />}
        {view.withdrawal && (
          <Typography.Paragraph type="danger" role="status">
            {t(b.withdrawnBecause, { at: formatTime(view.withdrawal.at), reason: view.withdrawal.reason })}
          </Typography.Paragraph>
        )}
      </Card>
      <BulletinDownloads id={view.id} title={view.title} />
      {office && view.state === 'draft' && <DraftEditor view={view} etag={etag} />}
      {office && view.state === 'draft' && <IssueForm id={view.id} />}
      <Space direction="vertical" className="section bulletin-after-issue" size="middle">
        {view.state !== 'draft' && <DifferenceToNow id={view.id} />}
        {office && view.state === 'issued' && <WithdrawForm id={view.id} />}
      </Space>
      <BulletinPreview view={view} />
    </div>
  );
}
