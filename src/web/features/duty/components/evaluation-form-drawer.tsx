import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { useConstituencies, useDeputyBriefs } from '../../deputies/api';
import { useCreateEvaluation, useUpdateEvaluation } from '../api';
import { ATTENDEE_CATEGORIES, type AttendeeCounts, type Evaluation } from '../types';

interface Values {
  heldOn: Dayjs;
  place: string;
  chairDeputyId?: string;
  chairName?: string;
  constituencyId?: string;
  deputyIds: string[];
  attendees: Partial<AttendeeCounts>;
  voterOpinions?: string;
}

/** Creates or edits a 述职评议 meeting: when, where, who chairs, whose report, who attended. */
export function EvaluationFormDrawer({ evaluation, onClose, onSaved }: { evaluation?: Evaluation; onClose: () => void; onSaved?: (e: Evaluation) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const township = useTownship();
  const [form] = Form.useForm<Values>();
  const deputies = useDeputyBriefs(township.id, { level: 'township' });
  const constituencies = useConstituencies(township.id);
  const create = useCreateEvaluation(township.id);
  const update = useUpdateEvaluation(evaluation?.id ?? '');
  const attendees = Form.useWatch('attendees', form);
  const total = ATTENDEE_CATEGORIES.reduce((s, c) => s + (attendees?.[c] ?? 0), 0);
  const deputyOptions = (deputies.data ?? []).filter((d) => d.isServing || evaluation?.deputies.some((x) => x.deputyId === d.id)).map((d) => ({ value: d.id, label: d.name }));

  const initialValues: Partial<Values> = evaluation ? {
    heldOn: dayjs(evaluation.heldOn), place: evaluation.place, chairDeputyId: evaluation.chairDeputyId ?? undefined,
    chairName: evaluation.chairDeputyId ? undefined : evaluation.chairName, constituencyId: evaluation.constituencyId ?? undefined,
    deputyIds: evaluation.deputies.map((d) => d.deputyId), attendees: evaluation.attendees, voterOpinions: evaluation.voterOpinions ?? undefined,
  } : { deputyIds: [], attendees: {} };

  const onFinish = (v: Values) => {
    const input = {
      heldOn: v.heldOn.format('YYYY-MM-DD'), place: v.place.trim(), chairDeputyId: v.chairDeputyId ?? null,
      ...(!v.chairDeputyId && v.chairName?.trim() ? { chairName: v.chairName.trim() } : {}),
      constituencyId: v.constituencyId ?? null, deputyIds: v.deputyIds,
      attendees: Object.fromEntries(ATTENDEE_CATEGORIES.map((c) => [c, v.attendees?.[c] ?? 0])) as AttendeeCounts,
      voterOpinions: v.voterOpinions?.trim() || null,
    };
    const done = {
      onSuccess: (e: Evaluation) => { void message.success(t('duty.evaluations.saved')); onSaved?.(e); onClose(); },
      onError: (err: unknown) => report(err, form),
    };
    if (evaluation) update.mutate(input, done);
    else create.mutate(input, done);
  };

  return (
    <Drawer
      open
      title={t(evaluation ? 'duty.evaluations.editTitle' : 'duty.evaluations.createTitle')}
      onClose={onClose}
      size={640}
      destroyOnHidden
      className="duty-drawer"
      extra={(
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>{t('common.save')}</Button>
        </Space>
      )}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} requiredMark="optional">
        <Space wrap size={16} className="duty-form-row">
          <Form.Item name="heldOn" label={t('duty.fields.heldOn')} rules={[{ required: true, message: t('duty.visit.dateRequired') }]}>
            <DatePicker className="duty-date" />
          </Form.Item>
          <Form.Item name="constituencyId" label={t('duty.fields.constituency')}>
            <Select allowClear className="duty-select-md" options={(constituencies.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t('duty.fields.place')} rules={[{ required: true, whitespace: true, message: t('duty.visit.placeRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="deputyIds" label={t('duty.evaluations.deputies')} rules={[{ required: true, message: t('duty.evaluations.deputiesRequired') }]} extra={t('duty.evaluations.deputiesHint')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={deputyOptions} />
        </Form.Item>
        <Space wrap size={16} className="duty-form-row">
          <Form.Item name="chairDeputyId" label={t('duty.evaluations.chair')} extra={t('duty.evaluations.chairHint')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deputyOptions} className="duty-select-md" />
          </Form.Item>
          <Form.Item
            name="chairName"
            label={t('duty.evaluations.chairName')}
            dependencies={['chairDeputyId']}
            rules={[({ getFieldValue }) => ({
              validator: (_, v?: string) => (getFieldValue('chairDeputyId') || v?.trim() ? Promise.resolve() : Promise.reject(new Error(t('duty.evaluations.chairRequired')))),
            })]}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Space>
        <fieldset className="duty-fieldset">
          <legend>{t('duty.evaluations.attendees', { total })}</legend>
          <div className="duty-attendee-grid">
            {ATTENDEE_CATEGORIES.map((c) => (
              <Form.Item key={c} name={['attendees', c]} label={t(`duty.attendees.${c}`)}>
                <InputNumber min={0} max={10000} className="duty-full" />
              </Form.Item>
            ))}
          </div>
        </fieldset>
        <Form.Item name="voterOpinions" label={t('duty.fields.voterOpinions')} extra={t('duty.evaluations.voterOpinionsHint')}>
          <Input.TextArea rows={5} maxLength={10000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
