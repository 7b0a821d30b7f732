import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { todayInShanghai } from '../../../../domain/due-dates';
import { useDeputyBriefs } from '../../deputies/api';
import { useVillages } from '../../villages/api';
import { useAddActivityOpinions, useCreateOpinion } from '../api';

interface Values {
  content: string;
  villageId?: string;
  category?: string;
  residentName?: string;
  residentPhone?: string;
  deputyId?: string;
  receivedOn?: Dayjs;
}

/** Categories offered for an opinion: the township's suggestion categories. */
export function useCategoryOptions() {
  const township = useTownship();
  return (township.settings.suggestionCategories ?? []).map((c) => ({ value: c, label: c }));
}

/**
 * Records one resident's opinion: into an activity (`activityId`) or received directly, by the
 * office (addressed to a deputy or not) or a deputy (addressed to themselves).
 */
export function OpinionFormModal({ activityId, onClose }: { activityId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const { can } = useAuth();
  const township = useTownship();
  const [form] = Form.useForm<Values>();
  const villages = useVillages(township.id);
  const isOffice = can('duty.manage');
  const deputies = useDeputyBriefs(township.id, { level: 'township', current: true });
  const categories = useCategoryOptions();
  const create = useCreateOpinion(township.id);
  const add = useAddActivityOpinions(activityId ?? '');
  const pending = create.isPending || add.isPending;

  const onFinish = (v: Values) => {
    const opinion = {
      content: v.content.trim(), villageId: v.villageId ?? null, category: v.category ?? null,
      residentName: v.residentName?.trim() || null, residentPhone: v.residentPhone?.trim() || null,
    };
    const done = { onSuccess: () => { void message.success(t('duty.opinionForm.saved')); onClose(); }, onError: (err: unknown) => report(err, form) };
    if (activityId) add.mutate([opinion], done);
    else create.mutate({ ...opinion, ...(isOffice && v.deputyId ? { deputyId: v.deputyId } : {}), ...(v.receivedOn ? { receivedOn: v.receivedOn.format('YYYY-MM-DD') } : {}) }, done);
  };

  return (
    <Modal open title={t(activityId ? 'duty.opinionForm.titleActivity' : 'duty.opinionForm.title')} onCancel={onClose} okText={t('common.save')}
      confirmLoading={pending} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={{ receivedOn: dayjs(todayInShanghai()) }}>
        <Form.Item name="content" label={t('duty.fields.content')} rules={[{ required: true, whitespace: true, message: t('duty.visit.contentRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="villageId" label={t('duty.fields.village')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(villages.data ?? []).filter((x) => !x.archivedAt).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item name="category" label={t('duty.fields.category')}>
          <Select allowClear options={categories} />
        </Form.Item>
        <Form.Item name="residentName" label={t('duty.fields.residentName')}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item name="residentPhone" label={t('duty.fields.residentPhone')} extra={t('duty.visit.phoneHint')}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
        {!activityId ? (
          <Form.Item name="receivedOn" label={t('duty.fields.receivedOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(todayInShanghai()), 'day')} className="duty-date" />
          </Form.Item>
        ) : null}
        {!activityId && isOffice ? (
          <Form.Item name="deputyId" label={t('duty.opinionForm.deputy')} extra={t('duty.opinionForm.deputyHint')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(deputies.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
