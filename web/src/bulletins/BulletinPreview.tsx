import type { ReactNode } from 'react';
import { Card, Table, Typography } from 'antd';
import { formatFigure, formatPeriod, formatRatio, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { StatusTag } from '../shell/StatusTag';
import { RankChange } from './RankChange';
import { ScrollRegion } from './ScrollRegion';
import type {
  BulletinView,
  CompletionLine,
  EscalatedWarning,
  LaggingLine,
  ListEntry,
  RankingRow,
  UnansweredUrging,
} from './types';

const targetText = (l: CompletionLine) =>
  [
    l.target.total !== undefined ? formatFigure(l.target.total, l.unitOfMeasure) : null,
    l.target.growthPct !== undefined ? `+${l.target.growthPct} %` : null,
    l.target.text ?? null,
  ]
    .filter(Boolean)
    .join(' · ') || '—';

/** The composed sections as the circular prints them: every figure is the server's, as of the cutoff. */
export function BulletinPreview({ view }: { view: BulletinView }) {
  const { m, t, language } = useI18n();
  const b = m.bulletins;
  const section = (key: string, title: string, children: ReactNode) => (
    <Card
      size="small"
      className="section bulletin-section"
      title={
        <h2 className="card-title" id={`section-${key}`}>
          {title}
        </h2>
      }
    >
      <section aria-labelledby={`section-${key}`}>{children}</section>
    </Card>
  );
  const lineColumns = [
    { title: m.indicator, key: 'indicator', render: (_v: unknown, l: CompletionLine) => l.indicatorName },
    { title: m.unit, dataIndex: 'unitName' },
    { title: b.target, key: 'target', render: (_v: unknown, l: CompletionLine) => targetText(l) },
    {
      title: m.value,
      key: 'value',
      align: 'right' as const,
      render: (_v: unknown, l: CompletionLine) => formatFigure(l.value, l.unitOfMeasure),
    },
    {
      title: m.completion,
      key: 'completion',
      align: 'right' as const,
      render: (_v: unknown, l: CompletionLine) => formatRatio(l.completion),
    },
    {
      title: m.expectedPace,
      key: 'pace',
      align: 'right' as const,
      render: (_v: unknown, l: CompletionLine) => formatRatio(l.expectedPace),
    },
    {
      title: m.statusLabel,
      key: 'status',
      render: (_v: unknown, l: CompletionLine) => <StatusTag status={l.status} />,
    },
  ];
  const listTable = (rows: ListEntry[], label: string) =>
    rows.length ? (
      <table className="plain-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{b.groupCol}</th>
            <th scope="col">{b.rank}</th>
            <th scope="col">{m.unit}</th>
            <th scope="col">{b.score}</th>
            <th scope="col">{b.red}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.group}-${r.unitCode}`}>
              <td>{r.group}</td>
              <td className="num">{r.rank}</td>
              <td>{r.unitName}</td>
              <td className="num">{formatRatio(r.score)}</td>
              <td className="num">{r.red}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : (
      <Typography.Paragraph>{b.listEmpty}</Typography.Paragraph>
    );
  return (
    <div className="bulletin-preview" aria-label={b.preview}>
      <h2 className="visually-hidden">{b.preview}</h2>
      {section(
        'summary',
        b.summary,
        <Typography.Paragraph className="bulletin-summary">{view.summary}</Typography.Paragraph>,
      )}
      {section(
        'rankings',
        b.rankings,
        view.rankings.map((group) => (
          <div key={group.group} className="section-gap">
            <h3 className="report-entry-title">{t(b.rankingGroup, { group: group.group })}</h3>
            <ScrollRegion label={t(b.rankingGroup, { group: group.group })}>
              <Table<RankingRow>
                size="small"
                rowKey="unitCode"
                dataSource={group.rows}
                pagination={false}
                aria-label={t(b.rankingGroup, { group: group.group })}
                columns={[
                  { title: b.rank, dataIndex: 'rank', align: 'right' },
                  { title: b.rankChange, key: 'change', render: (_v, r) => <RankChange change={r.rankChange} /> },
                  { title: m.unit, dataIndex: 'unitName' },
                  { title: b.judged, dataIndex: 'targets', align: 'right' },
                  { title: b.onPace, dataIndex: 'onPace', align: 'right' },
                  { title: b.completed, dataIndex: 'completed', align: 'right' },
                  { title: b.yellow, dataIndex: 'yellow', align: 'right' },
                  { title: b.red, dataIndex: 'red', align: 'right' },
                  { title: b.overdue, dataIndex: 'overdue', align: 'right' },
                  { title: b.score, dataIndex: 'score', align: 'right', render: (s: string) => formatRatio(s) },
                ]}
              />
            </ScrollRegion>
          </div>
        )),
      )}
      {section(
        'honour',
        `${b.redList} · ${b.blackList}`,
        <div className="honour-lists">
          <div>
            <h3 className="report-entry-title">{b.redList}</h3>
            {listTable(view.redList, b.redList)}
          </div>
          <div>
            <h3 className="report-entry-title">{b.blackList}</h3>
            {listTable(view.blackList, b.blackList)}
          </div>
          {view.exemptions.length > 0 && (
            <ul className="plain-list">
              {view.exemptions.map((e) => (
                <li key={e.unitCode}>
                  {b.exemptions}：
                  {view.rankings.flatMap((g) => g.rows).find((r) => r.unitCode === e.unitCode)?.unitName ?? e.unitCode}{' '}
                  — {e.reason}
                </li>
              ))}
            </ul>
          )}
        </div>,
      )}
      {section(
        'lagging',
        b.lagging,
        !view.lagging.length ? (
          <Typography.Paragraph>{b.laggingEmpty}</Typography.Paragraph>
        ) : (
          <ScrollRegion label={b.lagging}>
            <Table<LaggingLine>
              size="small"
              rowKey="targetId"
              dataSource={view.lagging}
              pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
              columns={[
                ...lineColumns,
                { title: m.problems, dataIndex: 'problems', render: (p: string | null) => p ?? '—' },
                { title: m.nextSteps, dataIndex: 'nextSteps', render: (p: string | null) => p ?? '—' },
              ]}
            />
          </ScrollRegion>
        ),
      )}
      {section(
        'late',
        b.lateReporters,
        view.lateReporters.length ? (
          <ul className="plain-list">
            {view.lateReporters.map((u) => (
              <li key={u.unitCode}>
                <strong>{u.unitName}</strong>：
                {u.targets
                  .map((tg) => `${tg.indicatorName}（${tg.periods.map((p) => formatPeriod(p, language)).join('、')}）`)
                  .join('；')}
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Paragraph>{b.lateEmpty}</Typography.Paragraph>
        ),
      )}
      {section(
        'escalated',
        b.escalated,
        !view.escalated.length ? (
          <Typography.Paragraph>{b.escalatedEmpty}</Typography.Paragraph>
        ) : (
          <ScrollRegion label={b.escalated}>
            <Table<EscalatedWarning>
              size="small"
              rowKey="warningId"
              dataSource={view.escalated}
              pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: m.indicator, dataIndex: 'indicatorName' },
                { title: m.unit, dataIndex: 'unitName' },
                { title: m.levelLabel, dataIndex: 'level', render: (l: string) => m.level[l] ?? l },
                { title: m.period, dataIndex: 'period', render: (p: string) => formatPeriod(p, language) },
                { title: m.raisedAt, dataIndex: 'raisedAt', render: (r: string) => formatTime(r) },
                {
                  title: m.acknowledge,
                  dataIndex: 'acknowledged',
                  render: (a: boolean) => (a ? b.acknowledgedLabel : b.notAcknowledged),
                },
              ]}
            />
          </ScrollRegion>
        ),
      )}
      {view.unansweredUrgings !== undefined &&
        section(
          'urgings',
          b.urgings,
          !view.unansweredUrgings.length ? (
            <Typography.Paragraph>{b.urgingsEmpty}</Typography.Paragraph>
          ) : (
            <ScrollRegion label={b.urgings}>
              <Table<UnansweredUrging>
                size="small"
                rowKey="urgingId"
                dataSource={view.unansweredUrgings}
                pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: m.unit, dataIndex: 'unitName' },
                  { title: m.indicator, dataIndex: 'indicatorName', render: (n?: string | null) => n ?? '—' },
                  { title: b.urgedAt, dataIndex: 'urgedAt', render: (r: string) => formatTime(r) },
                  { title: b.urgedBy, dataIndex: 'urgedBy', render: (n?: string | null) => n ?? '—' },
                ]}
              />
            </ScrollRegion>
          ),
        )}
      {section(
        'remarks',
        b.remarks,
        <Typography.Paragraph className="bulletin-remarks">{view.remarks || b.remarksEmpty}</Typography.Paragraph>,
      )}
      {section(
        'completion',
        b.completionTable,
        <ScrollRegion label={b.completionTable}>
          <Table<CompletionLine>
            size="small"
            rowKey="targetId"
            dataSource={view.completion}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `${m.total} ${total}` }}
            columns={lineColumns}
          />
        </ScrollRegion>,
      )}
    </div>
  );
}
