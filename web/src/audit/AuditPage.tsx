import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { get } from '../api/client';
import { inLanguage } from '../api/problem';
import type { UnitView } from '../api/views';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ExportButton } from '../lists/ExportButton';
import { linkWithAsOf } from '../shell/as-of';
import { ProblemAlert, problemText } from '../shell/ProblemAlert';
import { useAsOf } from '../shell/use-as-of';
import { useCursorPages } from '../lists/cursor-pages';
import { CursorPager, PAGE_SIZES } from '../lists/CursorPager';
import { useUrlFilters } from '../lists/use-url-filters';
import {
  AUDIT_FILTER_KEYS,
  auditApiQuery,
  AuditEntry,
  dataLines,
  readAuditFilters,
  targetOf,
  unitOf,
} from './audit-entries';
import { AuditChanges } from './AuditChanges';
import { useAuditPage } from './queries';
import { downloadXlsx } from './xlsx-export';
import './audit.css';
import { emptyText } from '../lists/empty-text';

/** 审计: every change across the system, newest first, filtered by actor, event type, unit and time; paged by the API. */
export default function AuditPage() {
  const { m, t, language } = useI18n();
  const a = m.auditPage;
  const { asOf } = useAsOf();
  const { message } = App.useApp();
  const { params, setParam, clear, narrowed } = useUrlFilters(AUDIT_FILTER_KEYS);
  const filters = readAuditFilters(params);
  const [limit, setLimit] = useState(PAGE_SIZES[0]);
  // As of a past moment: the trail up to then (unless the range ends earlier).
  const server = { ...auditApiQuery(filters, asOf), limit };
  const pages = useCursorPages(JSON.stringify(server));
  const page = useAuditPage({ ...server, before: pages.cursor });
  const units = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => get<UnitView[]>('/api/units', undefined, signal),
    staleTime: 300_000,
  });
  const unitName = useMemo(() => {
    const names = new Map((units.data ?? []).map((u) => [u.code, u.name]));
    return (code: string | undefined) => (code ? (names.get(code) ?? code) : '');
  }, [units.data]);
  const rows = useMemo(() => page.data?.items ?? [], [page.data]);
  const [actorText, setActorText] = useState(filters.actor ?? '');
  const [exporting, setExporting] = useState(false);

  const clearFilters = () => {
    clear();
    setActorText('');
  };
  const who = (e: AuditEntry) =>
    e.actor ? `${inLanguage(e.actor.displayName ?? '', language)}（${e.actor.username ?? ''}）` : a.system;
  const typeName = (type: string) => a.types[type] ?? type;
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadXlsx('/api/audit/export', { format: 'xlsx', ...auditApiQuery(filters, asOf) }, 'audit.xlsx');
    } catch (error) {
      void message.error(problemText(error, m, t, language));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {m.auditTitle}
      </Typography.Title>
      <Card size="small">
        <Space wrap className="filters">
          <Input.Search
            aria-label={a.filterActor}
            placeholder={a.filterActor}
            allowClear
            value={actorText}
            onChange={(e) => setActorText(e.target.value)}
            onSearch={(value) => setParam('actor', value.trim() || undefined)}
            enterButton={m.search}
            className="filter filter-wide"
          />
          <Select
            aria-label={a.filterType}
            placeholder={a.allTypes}
            allowClear
            value={filters.type}
            onChange={(v) => setParam('type', v)}
            className="filter filter-wide"
            options={Object.entries(a.types).map(([value, label]) => ({ value, label: `${label} · ${value}` }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Select
            aria-label={a.filterUnit}
            placeholder={m.allUnits}
            allowClear
            value={filters.unitCode}
            onChange={(v) => setParam('unitCode', v)}
            className="filter"
            options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <fieldset className="audit-range">
            <legend className="visually-hidden">{a.filterRange}</legend>
            <label>
              <span>{a.rangeStart}</span>
              <input
                type="date"
                value={filters.from ?? ''}
                max={filters.to}
                onChange={(e) => setParam('from', e.target.value || undefined)}
              />
            </label>
            <label>
              <span>{a.rangeEnd}</span>
              <input
                type="date"
                value={filters.to ?? ''}
                min={filters.from}
                onChange={(e) => setParam('to', e.target.value || undefined)}
              />
            </label>
          </fieldset>
          {narrowed && <Button onClick={clearFilters}>{m.clearFilters}</Button>}
          <ExportButton
            filename="audit.csv"
            rows={rows}
            columns={[
              { title: m.recordedAt, value: (e) => formatTime(e.recordedAt) },
              { title: m.actor, value: who },
              { title: m.eventType, value: (e) => `${typeName(e.type)} (${e.type})` },
              { title: a.object, value: (e) => e.streamId },
              { title: m.unit, value: (e) => unitName(unitOf(e)) },
              { title: m.reason, value: (e) => e.reason },
              { title: m.approvalDocument, value: (e) => e.documentRef },
              { title: a.data, value: (e) => dataLines(e.data).join('; ') },
            ]}
          />
          <Button onClick={() => void exportXlsx()} loading={exporting}>
            {exporting ? a.exporting : a.exportXlsx}
          </Button>
        </Space>
        {page.error ? (
          <div className="section">
            <ProblemAlert error={page.error} />
          </div>
        ) : (
          <Table<AuditEntry>
            className="section"
            size="small"
            rowKey="position"
            loading={page.isPending || page.isPlaceholderData}
            dataSource={rows}
            scroll={{ x: 1020 }}
            sticky
            pagination={false}
            locale={{
              emptyText: emptyText(
                page.isPending,
                <Alert
                  type="info"
                  showIcon
                  message={narrowed ? a.emptyFiltered : a.emptyAll}
                  className="empty-state"
                />,
              ),
            }}
            columns={[
              { title: m.recordedAt, key: 'at', width: 130, render: (_, e) => formatTime(e.recordedAt) },
              { title: m.actor, key: 'actor', width: 140, render: (_, e) => who(e) },
              {
                title: m.eventType,
                key: 'type',
                width: 110,
                render: (_, e) => <span title={e.type}>{typeName(e.type)}</span>,
              },
              {
                title: a.object,
                key: 'object',
                width: 200,
                render: (_, e) => {
                  const target = targetOf(e);
                  return (
                    <>
                      {target ? (
                        <Link
                          to={linkWithAsOf(`/targets/${target}`, asOf)}
                          aria-label={t(a.openTarget, { id: target })}
                        >
                          {target}
                        </Link>
                      ) : (
                        <span className="audit-stream">{e.streamId}</span>
                      )}
                      {unitOf(e) && <div className="audit-unit">{unitName(unitOf(e))}</div>}
                    </>
                  );
                },
              },
              {
                title: m.reason,
                key: 'reason',
                width: 140,
                render: (_, e) => (
                  <>
                    {e.reason}
                    {e.documentRef && <div className="audit-unit">{e.documentRef}</div>}
                  </>
                ),
              },
              { title: a.changes, key: 'changes', width: 300, render: (_, e) => <AuditChanges entry={e} /> },
            ]}
          />
        )}
        <CursorPager
          page={pages.page}
          hasNext={!!page.data?.nextBefore}
          busy={page.isPlaceholderData}
          onPrevious={pages.previous}
          onNext={() => page.data?.nextBefore && pages.next(page.data.nextBefore)}
          limit={limit}
          onLimit={setLimit}
        />
      </Card>
    </div>
  );
}
