import { Alert, Button, Card, Table } from 'antd';
import { useState } from 'react';
import { get } from '../api/client';
import { formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ProblemAlert } from '../shell/ProblemAlert';
import { StatusTag } from '../shell/StatusTag';
import { ScrollRegion } from './ScrollRegion';
import type { BulletinDifference } from './types';

type Changed = BulletinDifference['changed'][number];

/** "Difference to now" on demand: the bulletin keeps its figures as of the cutoff; this lists what changed since. */
export function DifferenceToNow({ id }: { id: string }) {
  const { m } = useI18n();
  const b = m.bulletins;
  const [answer, setAnswer] = useState<BulletinDifference>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setAnswer(await get<BulletinDifference>(`/api/bulletins/${encodeURIComponent(id)}/difference`));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const side = (s: Changed['now']) =>
    s ? (
      <>
        {formatNumber(s.value, 2)} <StatusTag status={s.status} />
      </>
    ) : (
      '—'
    );
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{b.differenceTitle}</h2>}
      extra={
        <Button onClick={() => void load()} loading={busy}>
          {b.difference}
        </Button>
      }
    >
      {error !== undefined && <ProblemAlert error={error} />}
      {answer && !answer.changed.length && <Alert type="info" showIcon role="status" message={b.differenceNone} />}
      {answer && answer.changed.length > 0 && (
        <ScrollRegion label={b.differenceTitle}>
          <Table<Changed>
            size="small"
            rowKey="targetId"
            dataSource={answer.changed}
            pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: m.indicator, dataIndex: 'indicatorName' },
              { title: m.unit, dataIndex: 'unitName' },
              { title: b.inBulletin, key: 'in', render: (_v, r) => side(r.inBulletin) },
              { title: b.now, key: 'now', render: (_v, r) => side(r.now) },
            ]}
          />
        </ScrollRegion>
      )}
    </Card>
  );
}
