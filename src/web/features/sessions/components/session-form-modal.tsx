import { DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatSessionName } from '../../../../domain/session-numbering';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { useCreateSession, useUpdateSession, type SessionInput } from '../api';
import type { Session } from '../types';

interface Values {
  termNumber: number;
  sittingNumber: number;
  dates: [Dayjs, Dayjs];
  place: string;
  notes?: string;
}

const DAY = 'YYYY-MM-DD';

/** Plan a session (term, sitting, dates, place), or change a planned one. */
export function SessionFormModal({ session, defaultTerm, onClose }: { session: Session | null; defaultTerm?: number; onClose: (saved?: Session) => void }) {
  const { t } = useTranslation();
  const township = useTownship();
  const create = useCreateSession(township.id);
  const update = useUpdateSession(session?.id ?? '');
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const term = Form.useWatch('termNumber', form);
  const sitting = Form.useWatch('sittingNumber', form);
  const isNumber = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 99;

  const onFinish = (values: Values) => {
    const input: SessionInput = {
      termNumber: values.termNumber,
      sittingNumber: values.sittingNumber,
      startDate: values.dates[0].format(DAY),
      endDate: values.dates[1].format(DAY),
      place: values.place.trim(),
      notes: values.notes?.trim() ? values.notes.trim() : null,
    };
    const rename = { startDate: 'dates', endDate: 'dates' };
    if (session) update.mutate(input, { onSuccess: (s) => onClose(s), onError: (err) => report(err, form, rename) });
    else create.mutate(input, { onSuccess: (s) => onClose(s), onError: (err) => report(err, form, rename) });
  };

  return (
    <Modal
      open
      title={session ? t('sessions.form.editTitle') : t('sessions.form.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={session
          ? { termNumber: session.termNumber, sittingNumber: session.sittingNumber, dates: [dayjs(session.startDate), dayjs(session.endDate)], place: session.place, notes: session.notes ?? '' }
          : { termNumber: defaultTerm }}
      >
        <div className="sessions-form-row">
          <Form.Item label={t('sessions.form.term')} name="termNumber" rules={[{ required: true, message: t('sessions.form.termRequired') }]}>
            <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('sessions.form.sitting')} name="sittingNumber" rules={[{ required: true, message: t('sessions.form.sittingRequired') }]}>
            <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        {isNumber(term) && isNumber(sitting) ? (
          <Typography.Paragraph className="sessions-name-preview" data-testid="session-name-preview">
            {t('sessions.form.preview', { name: formatSessionName({ term, sitting, body: township.name }) })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item label={t('sessions.form.dates')} name="dates" rules={[{ required: true, message: t('sessions.form.datesRequired') }]}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            placeholder={[t('sessions.form.startDate'), t('sessions.form.endDate')]}
            id={{ start: 'session-start-date', end: 'session-end-date' }}
          />
        </Form.Item>
        <Form.Item label={t('sessions.form.place')} name="place" rules={[{ required: true, whitespace: true, max: 100, message: t('sessions.form.placeRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('sessions.form.notes')} name="notes" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
