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
  villageDisclosureGraceDays: number;
  reHandlingMonths: number;
  occupations: string[];
  suggestionCategories: string[];
  dutyPointRules: Record<string, number>;
}

/** Point kinds in the order the office thinks of them; unknown kinds from the server follow. */
const POINT_KIND_ORDER = ['sessionAttendance', 'unexcusedAbsence', 'suggestion', 'voterContact', 'receptionDay', 'inspectionReport', 'studySession'];

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
  const serverKinds = Object.keys(township?.settings.dutyPointRules ?? {});
  const pointKinds = [...POINT_KIND_ORDER.filter((k) => serverKinds.includes(k)), ...serverKinds.filter((k) => !POINT_KIND_ORDER.includes(k))];

  useEffect(() => {
    if (township) form.setFieldsValue({ name: township.name, ...township.settings });
  }, [township, form]);

  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;

  const onFinish = (values: Values) => {
    update.mutate(
      {
        name: values.name,
        settings: {
          villageDisclosurePeriod: values.villageDisclosurePeriod,
          villageDisclosureGraceDays: values.villageDisclosureGraceDays,
          reHandlingMonths: values.reHandlingMonths,
          occupations: values.occupations.map((o) => o.trim()).filter(Boolean),
          suggestionCategories: values.suggestionCategories.map((c) => c.trim()).filter(Boolean),
          dutyPointRules: values.dutyPointRules,
        },
      },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (err) => report(err, form, {
          'settings.villageDisclosurePeriod': 'villageDisclosurePeriod', 'settings.villageDisclosureGraceDays': 'villageDisclosureGraceDays', 'settings.reHandlingMonths': 'reHandlingMonths',
          'settings.occupations': 'occupations', 'settings.suggestionCategories': 'suggestionCategories',
        }),
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
          <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 640 }} disabled={!township}>
            <Form.Item label={t('township.name')} name="name" rules={[{ required: true, whitespace: true, max: 40, message: t('township.nameRequired') }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item label={t('township.villageDisclosurePeriod')} name="villageDisclosurePeriod" extra={t('township.villageDisclosurePeriodHelp')} rules={[{ required: true }]}>
              <Select options={DISCLOSURE_PERIODS.map((p) => ({ value: p, label: t(`township.periods.${p}`) }))} />
            </Form.Item>
            <Form.Item label={t('township.villageDisclosureGraceDays')} name="villageDisclosureGraceDays" extra={t('township.villageDisclosureGraceDaysHelp')} rules={[{ required: true, type: 'integer', min: 0, max: 60 }]}>
              <InputNumber min={0} max={60} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item label={t('township.reHandlingMonths')} name="reHandlingMonths" extra={t('township.reHandlingMonthsHelp')} rules={[{ required: true, type: 'integer', min: 1, max: 6 }]}>
              <InputNumber min={1} max={6} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item label={t('township.occupations')} name="occupations" extra={t('township.occupationsHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('township.listRequired') }]}>
              <Select mode="tags" open={false} tokenSeparators={['，', ',']} aria-label={t('township.occupations')} />
            </Form.Item>
            <Form.Item label={t('township.suggestionCategories')} name="suggestionCategories" extra={t('township.suggestionCategoriesHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('township.listRequired') }]}>
              <Select mode="tags" open={false} tokenSeparators={['，', ',']} aria-label={t('township.suggestionCategories')} />
            </Form.Item>
            <Form.Item label={t('township.dutyPointRules')} extra={t('township.dutyPointRulesHelp')}>
              <table className="settings-points">
                <thead><tr><th scope="col">{t('township.pointKind')}</th><th scope="col">{t('township.pointsEach')}</th></tr></thead>
                <tbody>
                  {pointKinds.map((kind) => (
                    <tr key={kind}>
                      <td><label htmlFor={`points-${kind}`}>{t(`deputies.pointKinds.${kind}`, { defaultValue: kind })}</label></td>
                      <td>
                        <Form.Item name={['dutyPointRules', kind]} noStyle rules={[{ required: true, type: 'integer', min: -100, max: 100 }]}>
                          <InputNumber id={`points-${kind}`} min={-100} max={100} precision={0} style={{ width: 120 }} />
                        </Form.Item>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
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
