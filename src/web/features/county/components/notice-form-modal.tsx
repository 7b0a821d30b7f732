import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useCreateNotice, useUpdateNotice } from '../api';
import type { CountyNotice, NoticeInput } from '../types';

interface FormValues {
  title: string;
  body: string;
  reportRequirements: string;
  period: [Dayjs, Dayjs];
  reportDueOn: Dayjs;
}

const DAY = 'YYYY-MM-DD';

/** Drafts a county notice, or edits a draft. */
export function NoticeFormModal({ open, notice, onClose, onSaved }: { open: boolean; notice?: CountyNotice; onClose: () => void; onSaved?: (n: CountyNotice) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const report = useErrorReporter();
  const create = useCreateNotice();
  const update = useUpdateNotice(notice?.id ?? '');
  const saving = create.isPending || update.isPending;

  useEffect(() => {
    if (!open) return;
    if (notice) {
      form.setFieldsValue({
        title: notice.title, body: notice.body, reportRequirements: notice.reportRequirements,
        period: [dayjs(notice.startsOn), dayjs(notice.endsOn)], reportDueOn: dayjs(notice.reportDueOn),
      });
    } else form.resetFields();
  }, [open, notice, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const input: NoticeInput = {
      title: v.title, body: v.body, reportRequirements: v.reportRequirements,
      startsOn: v.period[0].format(DAY), endsOn: v.period[1].format(DAY), reportDueOn: v.reportDueOn.format(DAY),
    };
    const done = (n: CountyNotice) => { void message.success(t('county.notices.form.saved')); onSaved?.(n); onClose(); };
    const rename = { startsOn: 'period', endsOn: 'period' };
    if (notice) update.mutate(input, { onSuccess: done, onError: (err) => report(err, form, rename) });
    else create.mutate(input, { onSuccess: done, onError: (err) => report(err, form, rename) });
  };

  return (
    <Modal
      open={open}
      title={notice ? t('county.notices.form.editTitle') : t('county.notices.form.createTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('county.notices.form.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="title" label={t('county.notices.form.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input placeholder={t('county.notices.form.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="period" label={t('county.notices.form.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker
            className="county-range"
            placeholder={[t('county.notices.form.startsOn'), t('county.notices.form.endsOn')]}
            aria-label={t('county.notices.form.period')}
          />
        </Form.Item>
        <Form.Item name="reportDueOn" label={t('county.notices.form.reportDueOn')} rules={[{ required: true }]}>
          <DatePicker aria-label={t('county.notices.form.reportDueOn')} />
        </Form.Item>
        <Form.Item name="body" label={t('county.notices.form.body')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
          <Input.TextArea rows={6} />
        </Form.Item>
        <Form.Item name="reportRequirements" label={t('county.notices.form.reportRequirements')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
          <Input.TextArea rows={3} placeholder={t('county.notices.form.reportRequirementsPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
