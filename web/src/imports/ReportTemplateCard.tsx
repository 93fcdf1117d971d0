import { Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { usePlan } from '../shell/plans';
import { useSession } from '../shell/session';
import { TemplateDownload } from './TemplateDownload';

/** On the reporting page: the unit's Excel template for a period, and the way to the upload page. */
export function ReportTemplateCard({ defaultPeriod }: { defaultPeriod: string | undefined }) {
  const { m } = useI18n();
  const i = m.imports;
  const { user } = useSession();
  const { plan } = usePlan();
  const [period, setPeriod] = useState(defaultPeriod ?? '');
  useEffect(() => {
    if (defaultPeriod) setPeriod((p) => p || defaultPeriod);
  }, [defaultPeriod]);
  if (!user?.unitCode) return null;
  return (
    <Card size="small" className="section report-template" title={<h2 className="card-title">{i.downloadTemplate}</h2>}>
      <Typography.Paragraph className="field-hint">{i.templateHint}</Typography.Paragraph>
      <Space wrap align="end">
        <Form.Item label={i.period} htmlFor="report-template-period" className="inline-field">
          <Input
            id="report-template-period"
            inputMode="numeric"
            value={period}
            onChange={(e) => setPeriod(e.target.value.trim())}
            autoComplete="off"
          />
        </Form.Item>
        <TemplateDownload planCode={plan?.code} unitCode={user.unitCode} period={period} />
        <Link to="/imports">{i.title}</Link>
      </Space>
    </Card>
  );
}
