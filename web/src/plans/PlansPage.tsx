import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../api/client';
import type { PlanView } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { problemText, ProblemAlert } from '../shell/ProblemAlert';
import {
  downloadPlanWorkbook,
  EntityFate,
  uploadPlanWorkbook,
  WorkbookImportResult,
  WorkbookPreview,
} from './workbook-api';
import { PlanIndicatorList } from './indicators';

const FATE_COLOR: Record<EntityFate, string> = { new: 'blue', unchanged: 'default', changed: 'orange', refused: 'red' };

/** 计划: the plans, each exported as a plan workbook; a workbook uploaded, previewed (dry run), then imported. */
export default function PlansPage() {
  const { m, t, language } = useI18n();
  const p = m.plans;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const plans = useQuery({
    queryKey: ['plans'],
    queryFn: ({ signal }) =>
      get<Array<PlanView & { documentNo?: string; issuedOn?: string }>>('/api/plans', undefined, signal),
  });
  const [file, setFile] = useState<File | undefined>();
  const [preview, setPreview] = useState<WorkbookPreview | undefined>();
  const [result, setResult] = useState<WorkbookImportResult | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<'preview' | 'apply' | string | undefined>();
  const [shown, setShown] = useState<string[]>([]);
  const toggle = (code: string) => setShown((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));

  const run = async (what: string, work: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const exportPlan = (plan: PlanView) =>
    run(`export:${plan.code}`, () => downloadPlanWorkbook(plan.code, `${plan.code}.xlsx`));
  const doPreview = () =>
    run('preview', async () => {
      if (!file) return;
      setResult(undefined);
      setPreview(await uploadPlanWorkbook<WorkbookPreview>(file, true));
    });
  const apply = () =>
    run('apply', async () => {
      if (!file) return;
      const done = await uploadPlanWorkbook<WorkbookImportResult>(file, false);
      setResult(done);
      setPreview(undefined);
      void message.success(t(p.imported, { plan: done.planCode }));
      await queryClient.invalidateQueries();
    });
  const uploadList: UploadFile[] = file ? [{ uid: 'workbook', name: file.name, status: 'done' }] : [];

  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {p.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{p.intro}</Typography.Paragraph>
      {error !== undefined && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="section-gap"
          message={problemText(error, m, t, language)}
        />
      )}
      <Card size="small" title={<h2 className="card-title">{p.listTitle}</h2>} className="section-gap">
        {plans.error ? (
          <ProblemAlert error={plans.error} />
        ) : (
          <Table
            rowKey="code"
            size="small"
            loading={plans.isPending}
            pagination={false}
            scroll={{ x: true }}
            dataSource={plans.data ?? []}
            expandable={{
              expandedRowKeys: shown,
              showExpandColumn: false,
              expandedRowRender: (plan: PlanView) => <PlanIndicatorList planCode={plan.code} />,
            }}
            columns={[
              { title: p.code, dataIndex: 'code' },
              { title: p.planTitle, dataIndex: 'title' },
              { title: p.year, dataIndex: 'year' },
              { title: p.documentNo, dataIndex: 'documentNo', render: (v?: string) => v ?? '—' },
              {
                title: p.actions,
                key: 'actions',
                render: (_: unknown, plan: PlanView) => (
                  <Space wrap>
                    <Button
                      onClick={() => toggle(plan.code)}
                      aria-expanded={shown.includes(plan.code)}
                      aria-label={t(p.showIndicatorsOf, { plan: plan.title })}
                    >
                      {shown.includes(plan.code) ? p.hideIndicators : p.showIndicators}
                    </Button>
                    <Button
                      onClick={() => void exportPlan(plan)}
                      loading={busy === `export:${plan.code}`}
                      aria-label={t(p.exportOne, { plan: plan.title })}
                    >
                      {p.export}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={<h2 className="card-title">{p.uploadTitle}</h2>} className="section-gap">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{p.uploadHint}</Typography.Text>
          <Upload
            accept=".xlsx"
            maxCount={1}
            fileList={uploadList}
            beforeUpload={(f) => {
              setFile(f);
              setPreview(undefined);
              setResult(undefined);
              return false;
            }}
            onRemove={() => {
              setFile(undefined);
              setPreview(undefined);
            }}
          >
            <Button>{p.choose}</Button>
          </Upload>
          <Space wrap>
            <Button type="primary" disabled={!file} loading={busy === 'preview'} onClick={() => void doPreview()}>
              {p.preview}
            </Button>
            <Button disabled={!preview?.valid} loading={busy === 'apply'} onClick={() => void apply()}>
              {p.apply}
            </Button>
          </Space>
          {preview && <PreviewView preview={preview} />}
          {result && (
            <Alert
              type={result.refusals.length ? 'warning' : 'success'}
              showIcon
              role="status"
              message={t(p.resultLine, {
                plan: `${result.planCode} ${result.title}`,
                created: result.targets.created,
                unchanged: result.targets.unchanged,
                refused: result.targets.refused,
              })}
              description={
                result.refusals.length
                  ? result.refusals
                      .slice(0, 20)
                      .map((r) => `${r.label}: ${r.reason}`)
                      .join('\n')
                  : undefined
              }
            />
          )}
        </Space>
      </Card>
    </div>
  );
}

function PreviewView({ preview }: { preview: WorkbookPreview }) {
  const { m, t } = useI18n();
  const p = m.plans;
  const [fate, setFate] = useState<EntityFate | undefined>();
  if (!preview.valid) {
    return (
      <section aria-label={p.errorsTitle}>
        <Alert type="error" showIcon message={t(p.invalid, { file: preview.fileName, count: preview.errors.length })} />
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={{ pageSize: 20 }}
          scroll={{ x: true }}
          dataSource={preview.errors}
          columns={[
            { title: p.sheet, dataIndex: 'sheet' },
            {
              title: p.cell,
              key: 'cell',
              render: (_: unknown, e: WorkbookPreview['errors'][number]) => `${e.column ?? ''}${e.row ?? ''}` || '—',
            },
            { title: p.field, dataIndex: 'field', render: (v?: string) => v ?? '—' },
            { title: p.message, dataIndex: 'message' },
          ]}
        />
      </section>
    );
  }
  const rows = preview.rows.filter((r) => !fate || r.fate === fate);
  const counts = preview.counts!;
  return (
    <section aria-label={p.previewTitle}>
      <Alert
        type="info"
        showIcon
        message={t(p.previewLine, { plan: `${preview.plan?.code ?? ''} ${preview.plan?.title ?? ''}` })}
      />
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} className="section-gap">
        {(['units', 'indicators', 'targets'] as const).map((k) => (
          <Descriptions.Item key={k} label={p.kinds[k]}>
            {(['new', 'unchanged', 'changed', 'refused'] as const)
              .map((f) => `${p.fates[f]} ${counts[k][f]}`)
              .join(' · ')}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {preview.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t(p.warnings, { count: preview.warnings.length })}
          description={preview.warnings
            .slice(0, 10)
            .map((w) => `${w.sheet}!${w.column ?? ''}${w.row ?? ''} ${w.message}`)
            .join('\n')}
        />
      )}
      {preview.notes.length > 0 && (
        <Typography.Paragraph className="section-gap">
          {p.notesTitle}：{preview.notes.map((n) => `${n.count} × ${n.title}`).join('；')}
        </Typography.Paragraph>
      )}
      {preview.notCarried.length > 0 && (
        <Typography.Paragraph type="secondary">
          {p.notCarried}：{preview.notCarried.map((n) => `${n.what} ×${n.count}`).join('；')}
        </Typography.Paragraph>
      )}
      <Space wrap className="section-gap" role="group" aria-label={p.filter}>
        <Button size="small" type={fate === undefined ? 'primary' : 'default'} onClick={() => setFate(undefined)}>
          {p.all}
        </Button>
        {(['new', 'unchanged', 'changed', 'refused'] as const).map((f) => (
          <Button key={f} size="small" type={fate === f ? 'primary' : 'default'} onClick={() => setFate(f)}>
            {p.fates[f]}
          </Button>
        ))}
      </Space>
      <Table
        size="small"
        rowKey={(r) => `${r.kind}:${r.key}`}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          { title: p.kind, dataIndex: 'kind', render: (k: 'unit' | 'plan' | 'indicator' | 'target') => p.kind1[k] },
          { title: p.entity, dataIndex: 'label' },
          {
            title: p.fate,
            dataIndex: 'fate',
            render: (f: EntityFate) => <Tag color={FATE_COLOR[f]}>{p.fates[f]}</Tag>,
          },
          { title: p.reason, dataIndex: 'reason', render: (v?: string) => v ?? '' },
        ]}
      />
    </section>
  );
}
