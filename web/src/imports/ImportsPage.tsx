import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { get } from '../api/client';
import { inLanguage } from '../api/problem';
import type { UnitView } from '../api/views';
import { formatPeriod } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { usePlan } from '../shell/plans';
import { problemText } from '../shell/ProblemAlert';
import { useSession } from '../shell/session';
import { useAsOf } from '../shell/use-as-of';
import { uploadFile } from './files';
import { ScrollRegion } from '../bulletins/ScrollRegion';
import { TemplateDownload } from './TemplateDownload';
import type { IntakeResult, IntakeRow } from './types';

const OUTCOME_COLOURS: Record<string, string> = {
  new: '#15803d',
  correction: '#1d4ed8',
  unchanged: '#4b5563',
  refused: '#b91c1c',
};

/** 导入: template download, upload of the filled workbook, the dry-run preview row by row, then apply. */
export default function ImportsPage() {
  const { m, t, language } = useI18n();
  const i = m.imports;
  const { user } = useSession();
  const { plan } = usePlan();
  const { historical } = useAsOf();
  const queryClient = useQueryClient();
  const ownUnit = user?.roles.includes('office') ? undefined : (user?.unitCode ?? undefined);
  const units = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => get<UnitView[]>('/api/units', undefined, signal),
    staleTime: 300_000,
    enabled: !ownUnit,
  });
  const [unitCode, setUnitCode] = useState<string | undefined>(ownUnit);
  const [period, setPeriod] = useState<string>('');
  const [file, setFile] = useState<File>();
  const [result, setResult] = useState<IntakeResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'preview' | 'apply'>();
  const input = useRef<HTMLInputElement>(null);

  const send = async (dryRun: boolean) => {
    if (!file) {
      setError(i.noFile);
      return;
    }
    setBusy(dryRun ? 'preview' : 'apply');
    setError(undefined);
    try {
      const answer = await uploadFile<IntakeResult>('/api/imports/progress', { dryRun: String(dryRun) }, file);
      setResult(answer);
      if (!dryRun) await queryClient.invalidateQueries();
    } catch (e) {
      setResult(undefined);
      setError(problemText(e, m, t, language));
    } finally {
      setBusy(undefined);
    }
  };
  const selectable = (units.data ?? []).filter((u) => u.kind !== 'district');
  return (
    <div className="page imports-page">
      <Typography.Title level={1} className="page-title">
        {i.title}
      </Typography.Title>
      <Card size="small" title={<h2 className="card-title">{i.step1}</h2>}>
        <Typography.Paragraph className="field-hint">{i.templateHint}</Typography.Paragraph>
        <Form layout="inline" className="import-template-form">
          {!ownUnit && (
            <Form.Item label={i.unit} htmlFor="import-unit">
              <Select
                id="import-unit"
                aria-label={i.unit}
                className="filter"
                value={unitCode}
                onChange={setUnitCode}
                showSearch={{ optionFilterProp: 'label' }}
                options={selectable.map((u) => ({ value: u.code, label: u.name }))}
                placeholder={i.unitRequired}
              />
            </Form.Item>
          )}
          <Form.Item label={i.period} htmlFor="import-period">
            <Input
              id="import-period"
              inputMode="numeric"
              value={period}
              onChange={(e) => setPeriod(e.target.value.trim())}
              placeholder={`${plan?.year ?? 2021}-09`}
              autoComplete="off"
            />
          </Form.Item>
          <Form.Item>
            <TemplateDownload planCode={plan?.code} unitCode={unitCode} period={period} />
          </Form.Item>
        </Form>
      </Card>
      <Card size="small" className="section" title={<h2 className="card-title">{i.step2}</h2>}>
        <Space direction="vertical" className="upload-box">
          <label htmlFor="import-file" className="file-label">
            {i.file}
          </label>
          <input
            id="import-file"
            ref={input}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setResult(undefined);
              setError(undefined);
            }}
          />
          <Typography.Paragraph className="field-hint">{i.previewHint}</Typography.Paragraph>
          <Space wrap>
            <Button onClick={() => void send(true)} loading={busy === 'preview'} disabled={!file}>
              {i.preview}
            </Button>
            <Button
              type="primary"
              onClick={() => void send(false)}
              loading={busy === 'apply'}
              disabled={!file || !result?.dryRun || historical}
            >
              {i.apply}
            </Button>
          </Space>
          {error && <Alert type="error" showIcon role="alert" message={error} />}
        </Space>
      </Card>
      {result && (
        <Card size="small" className="section" title={<h2 className="card-title">{i.step3}</h2>}>
          <Alert
            type={result.counts.refused ? 'warning' : 'success'}
            showIcon
            role="status"
            className="form-alert"
            message={t(result.dryRun ? i.counts : i.applied, { ...result.counts })}
          />
          <ScrollRegion label={i.step3}>
            <Table<IntakeRow>
              size="small"
              rowKey={(r) => `${r.sheet}-${r.row}`}
              dataSource={result.rows}
              pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
              aria-label={i.step3}
              columns={[
                { title: i.sheet, dataIndex: 'sheet' },
                { title: i.row, dataIndex: 'row', align: 'right' },
                { title: i.targetId, dataIndex: 'targetId', render: (v?: string) => v ?? '—' },
                {
                  title: i.periodCol,
                  dataIndex: 'period',
                  render: (p?: string) => (p ? formatPeriod(p, language) : '—'),
                },
                {
                  title: i.outcomeLabel,
                  dataIndex: 'outcome',
                  render: (o: string) => (
                    <span className="status-tag" style={{ color: OUTCOME_COLOURS[o], borderColor: OUTCOME_COLOURS[o] }}>
                      {i.outcome[o] ?? o}
                    </span>
                  ),
                },
                {
                  title: i.errors,
                  key: 'errors',
                  render: (_v, r) =>
                    r.errors.length
                      ? r.errors.map((e) => `${e.field}：${inLanguage(e.message, language)}`).join('；')
                      : '—',
                },
              ]}
            />
          </ScrollRegion>
        </Card>
      )}
    </div>
  );
}
