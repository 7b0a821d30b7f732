import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { useCreatePresidiumMeeting, useUpdatePresidiumMeeting } from '../presidium-api';
import type { PresidiumMeetingDetail } from '../presidium-types';

interface Values {
  meetingDate: Dayjs;
  place: string;
  convenedByDeputyId?: string;
  topics?: string;
}

/** Records a presidium meeting (date, place, topics), or changes one (date, place, convener). */
export function PresidiumMeetingFormModal({ meeting, onClose }: { meeting: PresidiumMeetingDetail | null; onClose: (saved?: PresidiumMeetingDetail) => void }) {
  const { t } = useTranslation();
  const township = useTownship();
  const create = useCreatePresidiumMeeting(township.id);
  const update = useUpdatePresidiumMeeting(meeting?.id ?? '');
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();

  const onFinish = (v: Values) => {
    const base = { meetingDate: v.meetingDate.format('YYYY-MM-DD'), place: v.place.trim() };
    if (meeting) {
      update.mutate({ ...base, convenedByDeputyId: v.convenedByDeputyId }, { onSuccess: (m) => onClose(m), onError: (err) => report(err, form) });
    } else {
      const topics = (v.topics ?? '').split('\n').map((x) => x.trim()).filter(Boolean);
      create.mutate({ ...base, topics }, { onSuccess: (m) => onClose(m), onError: (err) => report(err, form) });
    }
  };

  return (
    <Modal
      open
      title={meeting ? t('sessions.presidium.form.editTitle') : t('sessions.presidium.form.addTitle')}
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
        initialValues={meeting ? { meetingDate: dayjs(meeting.meetingDate), place: meeting.place, convenedByDeputyId: meeting.convenedByDeputyId } : { place: '' }}
      >
        <Form.Item label={t('sessions.presidium.form.date')} name="meetingDate" rules={[{ required: true, message: t('sessions.presidium.form.dateRequired') }]}>
          <DatePicker style={{ width: '100%' }} id="presidium-meeting-date" />
        </Form.Item>
        <Form.Item label={t('sessions.presidium.form.place')} name="place" rules={[{ required: true, whitespace: true, max: 100, message: t('sessions.presidium.form.placeRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        {meeting ? (
          <Form.Item label={t('sessions.presidium.form.convener')} name="convenedByDeputyId" extra={t('sessions.presidium.form.convenerHint')}>
            <Select
              options={meeting.attendees.filter((a) => a.position !== 'member').map((a) => ({
                value: a.deputyId, label: `${a.name}（${t(`sessions.presidium.attendance.positions.${a.position}`)}）`,
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item label={t('sessions.presidium.form.topics')} name="topics" extra={`${t('sessions.presidium.form.topicsHint')} ${t('sessions.presidium.form.convenerHint')}`}>
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
