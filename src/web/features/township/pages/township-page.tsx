import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Skeleton } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DISCLOSURE_PERIODS, type TownshipSettings } from '../../../app/api/types';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useTownshipDetail, useUpdateTownship } from '../api';
import { TownshipDescriptions } from '../components/township-descriptions';

interface Values {
  name: string;
  villageDisclosurePeriod: TownshipSettings['villageDisclosurePeriod'];
  reHandlingMonths: number;
}

/** The township's record and settings; editable by the office (township.update). */
export default function TownshipPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const current = useTownship();
  const detail = useTownshipDetail(current.id);
  const update = useUpdateTownship(current.id);
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const canEdit = can('township.update');
  const township = detail.data;

  useEffect(() => {
    if (township) form.setFieldsValue({ name: township.name, ...township.settings });
  }, [township, form]);

  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;

  const onFinish = (values: Values) => {
    update.mutate(
      { name: values.name, settings: { villageDisclosurePeriod: values.villageDisclosurePeriod, reHandlingMonths: values.reHandlingMonths } },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (err) => report(err, form, { 'settings.villageDisclosurePeriod': 'villageDisclosurePeriod', 'settings.reHandlingMonths': 'reHandlingMonths' }),
      },
    );
  };

  return (
    <>
      <PageHeader title={t('township.title')} />
      <Card>
        {township ? <TownshipDescriptions township={township} withSettings={!canEdit} /> : <Skeleton active />}
      </Card>
      {canEdit ? (
        <Card title={t('township.settings')} style={{ marginTop: 16 }}>
          <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 520 }} disabled={!township}>
            <Form.Item label={t('township.name')} name="name" rules={[{ required: true, whitespace: true, max: 40, message: t('township.nameRequired') }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item label={t('township.villageDisclosurePeriod')} name="villageDisclosurePeriod" extra={t('township.villageDisclosurePeriodHelp')} rules={[{ required: true }]}>
              <Select options={DISCLOSURE_PERIODS.map((p) => ({ value: p, label: t(`township.periods.${p}`) }))} />
            </Form.Item>
            <Form.Item label={t('township.reHandlingMonths')} name="reHandlingMonths" extra={t('township.reHandlingMonthsHelp')} rules={[{ required: true, type: 'integer', min: 1, max: 6 }]}>
              <InputNumber min={1} max={6} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={update.isPending}>{t('common.save')}</Button>
          </Form>
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('township.readOnly')} style={{ marginTop: 16 }} />
      )}
    </>
  );
}
