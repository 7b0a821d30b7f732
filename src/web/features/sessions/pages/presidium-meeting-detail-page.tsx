import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, DownloadOutlined, EditOutlined, FileOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Spin, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { NotFoundPage } from '../../../components/status-pages';
import { downloadFile } from '../api';
import { PresidiumMeetingFormModal } from '../components/presidium-meeting-form-modal';
import {
  useAddPresidiumTopic, useArchivePresidiumDocument, usePresidiumMeeting, useRecordPresidiumAttendance, useRecordPresidiumDecision,
  useRemovePresidiumTopic, useSavePresidiumMinutes, useUploadPresidiumDocument,
} from '../presidium-api';
import type { PresidiumAttendee, PresidiumMeetingDetail, PresidiumQuorum, PresidiumTopic } from '../presidium-types';
import '../sessions.css';

const ACCEPT = '.docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** One presidium meeting: information, attendance with the quorum, topics and decisions, minutes, documents. */
export default function PresidiumMeetingDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = usePresidiumMeeting(id);
  const report = useErrorReporter();
  const [editing, setEditing] = useState(false);

  if (meeting.isError) {
    if (meeting.error instanceof ApiError && meeting.error.status === 404) return <NotFoundPage />;
    return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  }
  if (!meeting.data) return <div className="page-loading"><Spin /></div>;
  const m = meeting.data;

  return (
    <div className="sessions-page">
      <Link to="/presidium-meetings" className="sessions-back"><ArrowLeftOutlined aria-hidden /> {t('sessions.presidium.detail.back')}</Link>
      <PageHeader
        title={m.name}
        extra={(
          <>
            {m.can.manage ? <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t('sessions.presidium.detail.edit')}</Button> : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => downloadFile(m.minutesUrl, `${m.townshipName}人大主席团会议纪要.docx`).catch((err: unknown) => report(err))}
            >
              {t('sessions.presidium.detail.download')}
            </Button>
          </>
        )}
      >
        <p className="sessions-detail-sub">{m.townshipName}人大{m.name}{'\u3000'}{m.meetingDate}{'\u3000'}{m.place}</p>
      </PageHeader>
      <div className="presidium-grid">
        <Card title={t('sessions.presidium.detail.info')} size="small">
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('sessions.presidium.form.date')}>{m.meetingDate}</Descriptions.Item>
            <Descriptions.Item label={t('sessions.presidium.form.place')}>{m.place}</Descriptions.Item>
            <Descriptions.Item label={t('sessions.presidium.form.convener')}>{m.convenedByName}</Descriptions.Item>
            <Descriptions.Item label={t('sessions.presidium.detail.members')}>{t('sessions.presidium.detail.membersValue', { count: m.memberCount })}</Descriptions.Item>
          </Descriptions>
        </Card>
        <AttendanceCard meeting={m} />
        <TopicsCard meeting={m} />
        <MinutesCard meeting={m} />
        <DocumentsCard meeting={m} />
      </div>
      {editing ? <PresidiumMeetingFormModal meeting={m} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}

/** 法定人数: more than 2/3 of the presidium's members present, else no decision (exactly 2/3 is not enough). */
function QuorumBar({ quorum }: { quorum: PresidiumQuorum }) {
  const { t } = useTranslation();
  const people = (count: number) => t('sessions.presidium.quorum.people', { count });
  return (
    <section className={`presidium-quorum ${quorum.hasQuorum ? 'met' : 'not-met'}`} aria-label={t('sessions.presidium.quorum.title')} data-testid="presidium-quorum">
      <dl style={{ display: 'contents' }} aria-live="polite">
        <div><dt>{t('sessions.presidium.quorum.members')}</dt><dd data-testid="presidium-quorum-members">{people(quorum.members)}</dd></div>
        <div><dt>{t('sessions.presidium.quorum.present')}</dt><dd data-testid="presidium-quorum-present">{people(quorum.present)}</dd></div>
        <div><dt>{t('sessions.presidium.quorum.absent')}</dt><dd>{people(quorum.absent)}</dd></div>
        <div>
          <dt>{t('sessions.presidium.quorum.threshold')}</dt>
          <dd data-testid="presidium-quorum-threshold">{t('sessions.presidium.quorum.thresholdText', { count: quorum.threshold })}</dd>
        </div>
        <div>
          <dt>{t('sessions.presidium.quorum.status')}</dt>
          <dd data-testid="presidium-quorum-status" className={quorum.hasQuorum ? 'quorum-status-met' : 'quorum-status-not-met'}>
            {quorum.hasQuorum ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}{' '}
            {quorum.hasQuorum ? t('sessions.presidium.quorum.met') : t('sessions.presidium.quorum.notMet', { count: quorum.shortBy })}
          </dd>
        </div>
      </dl>
      <Typography.Text type="secondary" style={{ flexBasis: '100%', fontSize: 13 }}>{t('sessions.presidium.quorum.basis')}</Typography.Text>
    </section>
  );
}

function AttendanceCard({ meeting }: { meeting: PresidiumMeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const record = useRecordPresidiumAttendance(meeting.id);
  const [absentFor, setAbsentFor] = useState<PresidiumAttendee | null>(null);
  const canRecord = meeting.can.record;
  const unmarked = meeting.attendees.filter((a) => a.status === 'unmarked');

  const save = (entries: Parameters<typeof record.mutate>[0], then?: () => void) => record.mutate(entries, {
    onSuccess: () => { void message.success(t('sessions.presidium.attendance.saved')); then?.(); },
    onError: (err) => report(err),
  });

  const columns: TableColumnsType<PresidiumAttendee> = [
    { title: t('sessions.presidium.attendance.seq'), dataIndex: 'seq', width: 70 },
    { title: t('sessions.presidium.attendance.name'), dataIndex: 'name', width: 140 },
    { title: t('sessions.presidium.attendance.position'), dataIndex: 'position', width: 100, render: (p: PresidiumAttendee['position']) => t(`sessions.presidium.attendance.positions.${p}`) },
    {
      title: t('sessions.presidium.attendance.status'), key: 'status', width: 160,
      render: (_, a) => (canRecord ? (
        <Select
          aria-label={t('sessions.presidium.attendance.statusOf', { name: a.name })}
          value={a.status}
          style={{ width: 120 }}
          onChange={(v) => {
            if (v === 'present') save([{ deputyId: a.deputyId, status: 'present' }]);
            if (v === 'absent') setAbsentFor(a);
          }}
          options={[
            ...(a.status === 'unmarked' ? [{ value: 'unmarked', label: t('sessions.presidium.attendance.statuses.unmarked'), disabled: true }] : []),
            { value: 'present', label: t('sessions.presidium.attendance.statuses.present') },
            { value: 'absent', label: t('sessions.presidium.attendance.statuses.absent') },
          ]}
        />
      ) : <Tag color={a.status === 'present' ? 'green' : a.status === 'absent' ? 'red' : 'default'}>{t(`sessions.presidium.attendance.statuses.${a.status}`)}</Tag>),
    },
    { title: t('sessions.presidium.attendance.reason'), dataIndex: 'absenceReason', render: (r: string | null) => r ?? '' },
  ];

  return (
    <Card
      title={t('sessions.presidium.attendance.title')}
      size="small"
      extra={canRecord && unmarked.length > 0 ? (
        <Popconfirm
          title={t('sessions.presidium.attendance.markAllConfirm', { count: unmarked.length })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => save(unmarked.map((a) => ({ deputyId: a.deputyId, status: 'present' as const })))}
        >
          <Button size="small">{t('sessions.presidium.attendance.markAll')}</Button>
        </Popconfirm>
      ) : null}
    >
      <QuorumBar quorum={meeting.quorum} />
      <Table<PresidiumAttendee> rowKey="deputyId" size="small" columns={columns} dataSource={meeting.attendees} pagination={false} loading={record.isPending} />
      {absentFor ? (
        <AbsenceModal
          attendee={absentFor}
          loading={record.isPending}
          onCancel={() => setAbsentFor(null)}
          onSave={(reason) => save([{ deputyId: absentFor.deputyId, status: 'absent', absenceReason: reason }], () => setAbsentFor(null))}
        />
      ) : null}
    </Card>
  );
}

function AbsenceModal({ attendee, loading, onCancel, onSave }: { attendee: PresidiumAttendee; loading: boolean; onCancel: () => void; onSave: (reason: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={t('sessions.presidium.attendance.absentTitle', { name: attendee.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={loading}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onSave(v.reason.trim())}>
        <Form.Item label={t('sessions.presidium.attendance.reason')} name="reason" rules={[{ required: true, whitespace: true, max: 200, message: t('sessions.presidium.attendance.reasonRequired') }]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TopicsCard({ meeting }: { meeting: PresidiumMeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const add = useAddPresidiumTopic(meeting.id);
  const [form] = Form.useForm<{ title: string }>();
  return (
    <Card title={t('sessions.presidium.topics.title')} size="small">
      {meeting.can.record && !meeting.quorum.hasQuorum && meeting.topics.length > 0 ? (
        <Alert type="warning" showIcon data-testid="presidium-decision-blocked" title={t('sessions.presidium.topics.blocked')} style={{ marginBottom: 8 }} />
      ) : null}
      {meeting.topics.length === 0 ? <Typography.Text type="secondary">{t('sessions.presidium.topics.empty')}</Typography.Text> : null}
      {meeting.topics.map((topic, i) => <TopicItem key={topic.id} meeting={meeting} topic={topic} index={i} />)}
      {meeting.can.manage ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12 }}
          onFinish={(v) => add.mutate(v.title.trim(), {
            onSuccess: () => { form.resetFields(); void message.success(t('sessions.presidium.topics.added')); },
            onError: (err) => report(err, form),
          })}
        >
          <Form.Item label={t('sessions.presidium.topics.addLabel')} name="title" rules={[{ required: true, whitespace: true, max: 200, message: t('sessions.presidium.topics.titleRequired') }]} style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={add.isPending}>{t('sessions.presidium.topics.add')}</Button>
          </Form.Item>
        </Form>
      ) : null}
    </Card>
  );
}

function TopicItem({ meeting, topic, index }: { meeting: PresidiumMeetingDetail; topic: PresidiumTopic; index: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const decide = useRecordPresidiumDecision(meeting.id);
  const remove = useRemovePresidiumTopic(meeting.id);
  const [draft, setDraft] = useState(topic.decision ?? '');
  useEffect(() => setDraft(topic.decision ?? ''), [topic.decision]);
  const isDirty = draft.trim() !== (topic.decision ?? '');
  return (
    <div className="presidium-topic" data-testid="presidium-topic">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} align="start">
        <h3>{index + 1}. {topic.title}</h3>
        {meeting.can.manage && topic.decision === null ? (
          <Popconfirm
            title={t('sessions.presidium.topics.removeConfirm', { title: topic.title })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutate(topic.id, { onSuccess: () => void message.success(t('sessions.presidium.topics.removed')), onError: (err) => report(err) })}
          >
            <Button size="small" type="link" danger>{t('sessions.presidium.topics.remove')}</Button>
          </Popconfirm>
        ) : null}
      </Space>
      {meeting.can.record ? (
        <>
          <Input.TextArea
            aria-label={t('sessions.presidium.topics.decisionOf', { title: topic.title })}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={2}
            maxLength={10_000}
            placeholder={t('sessions.presidium.topics.noDecision')}
          />
          <Button
            size="small"
            type="primary"
            style={{ marginTop: 6 }}
            disabled={!isDirty || (!meeting.quorum.hasQuorum && draft.trim() !== '')}
            loading={decide.isPending}
            onClick={() => decide.mutate({ topicId: topic.id, decision: draft.trim() || null }, {
              onSuccess: () => void message.success(t('sessions.presidium.topics.saved')),
              onError: (err) => report(err),
            })}
          >
            {t('sessions.presidium.topics.save')}
          </Button>
        </>
      ) : (
        <p className="presidium-decision">
          <strong>{t('sessions.presidium.topics.decision')}：</strong>
          {topic.decision ?? <Typography.Text type="secondary">{t('sessions.presidium.topics.noDecision')}</Typography.Text>}
        </p>
      )}
    </div>
  );
}

function MinutesCard({ meeting }: { meeting: PresidiumMeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const save = useSavePresidiumMinutes(meeting.id);
  const [draft, setDraft] = useState(meeting.minutes ?? '');
  useEffect(() => setDraft(meeting.minutes ?? ''), [meeting.minutes]);
  return (
    <Card title={t('sessions.presidium.minutes.title')} size="small">
      {meeting.can.record ? (
        <>
          <Input.TextArea aria-label={t('sessions.presidium.minutes.label')} value={draft} onChange={(e) => setDraft(e.target.value)} rows={5} maxLength={50_000} />
          <Button
            style={{ marginTop: 8 }}
            disabled={draft.trim() === (meeting.minutes ?? '')}
            loading={save.isPending}
            onClick={() => save.mutate(draft.trim() || null, { onSuccess: () => void message.success(t('sessions.presidium.minutes.saved')), onError: (err) => report(err) })}
          >
            {t('sessions.presidium.minutes.save')}
          </Button>
        </>
      ) : meeting.minutes ? <p className="presidium-minutes">{meeting.minutes}</p> : <Typography.Text type="secondary">{t('sessions.presidium.minutes.empty')}</Typography.Text>}
    </Card>
  );
}

function DocumentsCard({ meeting }: { meeting: PresidiumMeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const upload = useUploadPresidiumDocument(meeting.id);
  const archive = useArchivePresidiumDocument(meeting.id);
  return (
    <Card
      title={t('sessions.presidium.documents.title')}
      size="small"
      extra={meeting.can.manage ? (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            if (!/\.(docx|pdf)$/i.test(file.name)) {
              void message.error(t('sessions.presidium.documents.typeInvalid'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutate(file as File, {
              onSuccess: (doc) => { onSuccess?.(doc); void message.success(t('sessions.presidium.documents.uploaded', { name: doc.fileName })); },
              onError: (err) => { onError?.(err as Error); report(err); },
            });
          }}
        >
          <Button size="small" icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>{t('sessions.presidium.documents.upload')}</Button>
        </Upload>
      ) : null}
    >
      {meeting.documents.length === 0 ? <Typography.Text type="secondary">{t('sessions.presidium.documents.empty')}</Typography.Text> : (
        <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
          {meeting.documents.map((d) => (
            <li key={d.id}>
              <a
                href={d.downloadUrl}
                aria-label={t('sessions.presidium.documents.download', { name: d.fileName })}
                onClick={(e) => { e.preventDefault(); downloadFile(d.downloadUrl, d.fileName).catch((err: unknown) => report(err)); }}
              >
                <FileOutlined aria-hidden /> {d.fileName}
              </a>
              {meeting.can.manage ? (
                <Popconfirm
                  title={t('sessions.presidium.documents.removeConfirm', { name: d.fileName })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => archive.mutate(d.id, { onSuccess: () => void message.success(t('sessions.presidium.documents.removed')), onError: (err) => report(err) })}
                >
                  <Button size="small" type="link" danger>{t('sessions.presidium.documents.remove')}</Button>
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {meeting.can.manage ? <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>{t('sessions.presidium.documents.hint')}</Typography.Paragraph> : null}
    </Card>
  );
}
