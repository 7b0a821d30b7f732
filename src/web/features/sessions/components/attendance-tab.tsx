import { CheckSquareOutlined, DownloadOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { downloadFile, useAttendance, useRecordAttendance } from '../api';
import { ATTENDANCE_STATUSES, type AttendanceStatus, type Seat, type SessionDetail } from '../types';
import { CheckinQrModal } from './checkin-qr';
import { QuorumPanel } from './quorum-panel';

const STATUS_COLORS: Record<AttendanceStatus, string> = { unmarked: 'default', present: 'green', leave: 'gold', absent: 'red' };

/** 出席: per deputy 出席 / 请假（原因）/ 缺席, the live quorum, the QR code and the sign-in sheet. */
export function AttendanceTab({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const isOpen = session.state === 'open';
  const attendance = useAttendance(session.id, isOpen);
  const record = useRecordAttendance(session.id);
  const [leaveOf, setLeaveOf] = useState<Seat | null>(null);
  const [showQr, setShowQr] = useState(false);
  const [search, setSearch] = useState('');
  const [statusFilter, setStatusFilter] = useState<AttendanceStatus | 'all'>('all');
  const [downloading, setDownloading] = useState(false);
  const canEdit = session.can.manage && isOpen;

  const seats = useMemo(() => attendance.data?.items ?? [], [attendance.data]);
  const rows = useMemo(() => seats.filter((s) =>
    (statusFilter === 'all' || s.status === statusFilter) && (!search.trim() || s.name.includes(search.trim()))), [seats, statusFilter, search]);
  const unmarked = seats.filter((s) => s.status === 'unmarked');
  const quorum = attendance.data?.quorum ?? session.quorum;

  const mark = (seat: Seat, status: Exclude<AttendanceStatus, 'unmarked'>, leaveReason?: string) => {
    record.mutate([{ deputyId: seat.deputyId, status, leaveReason: status === 'leave' ? leaveReason : null }], { onError: (err) => report(err) });
  };
  const markAllPresent = () => {
    record.mutate(unmarked.map((s) => ({ deputyId: s.deputyId, status: 'present' as const })), {
      onSuccess: () => void message.success(t('sessions.attendance.marked', { count: unmarked.length })),
      onError: (err) => report(err),
    });
  };
  const downloadSheet = () => {
    setDownloading(true);
    downloadFile(`/api/v1/sessions/${encodeURIComponent(session.id)}/sign-in-sheet.docx`, `${session.name}签到表.docx`)
      .catch((err: unknown) => report(err))
      .finally(() => setDownloading(false));
  };

  const columns: TableColumnsType<Seat> = [
    { title: t('sessions.attendance.seq'), dataIndex: 'seq', width: 64, align: 'center' },
    { title: t('sessions.attendance.name'), dataIndex: 'name', width: 120 },
    { title: t('sessions.attendance.constituency'), dataIndex: 'constituency', width: 160, render: (c: string | null) => c ?? '—' },
    {
      title: t('sessions.attendance.status'), key: 'status', width: 150,
      render: (_, s) => (canEdit ? (
        <Select<AttendanceStatus>
          size="small"
          style={{ width: 120 }}
          aria-label={t('sessions.attendance.statusOf', { name: s.name })}
          value={s.status}
          onChange={(v) => {
            if (v === 'leave') setLeaveOf(s);
            else if (v !== 'unmarked') mark(s, v);
          }}
          options={ATTENDANCE_STATUSES.map((st) => ({ value: st, label: t(`sessions.attendance.statuses.${st}`), disabled: st === 'unmarked' }))}
        />
      ) : <Tag color={STATUS_COLORS[s.status]}>{t(`sessions.attendance.statuses.${s.status}`)}</Tag>),
    },
    { title: t('sessions.attendance.leaveReason'), dataIndex: 'leaveReason', render: (r: string | null) => r ?? '' },
    {
      title: t('sessions.attendance.method'), dataIndex: 'checkInMethod', width: 130,
      render: (m: Seat['checkInMethod']) => (m ? t(`sessions.attendance.methods.${m}`) : ''),
    },
    { title: t('sessions.attendance.checkedInAt'), dataIndex: 'checkedInAt', width: 150, render: (at: string | null) => formatDateTime(at) },
  ];

  return (
    <div>
      {session.state === 'planned' ? <Alert type="info" showIcon title={t('sessions.attendance.plannedNotice')} style={{ marginBottom: 16 }} /> : null}
      {session.state === 'closed' ? <Alert type="info" showIcon title={t('sessions.attendance.closedNotice')} style={{ marginBottom: 16 }} /> : null}
      <QuorumPanel quorum={quorum} live={isOpen} />
      <div className="page-toolbar" style={{ marginTop: 16 }}>
        {session.can.manage && isOpen ? (
          <Button type="primary" icon={<QrcodeOutlined aria-hidden />} onClick={() => setShowQr(true)}>{t('sessions.attendance.qr')}</Button>
        ) : null}
        {canEdit ? (
          <Popconfirm
            title={t('sessions.attendance.markAllTitle', { count: unmarked.length })}
            description={t('sessions.attendance.markAllText')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            disabled={unmarked.length === 0}
            onConfirm={markAllPresent}
          >
            <Button icon={<CheckSquareOutlined aria-hidden />} disabled={unmarked.length === 0} loading={record.isPending}>
              {t('sessions.attendance.markAllPresent')}
            </Button>
          </Popconfirm>
        ) : null}
        <Button icon={<DownloadOutlined aria-hidden />} onClick={downloadSheet} loading={downloading}>{t('sessions.attendance.sheet')}</Button>
        <Input.Search
          allowClear
          placeholder={t('sessions.attendance.search')}
          aria-label={t('sessions.attendance.search')}
          style={{ width: 200 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select<AttendanceStatus | 'all'>
          aria-label={t('sessions.attendance.filterStatus')}
          value={statusFilter}
          onChange={setStatusFilter}
          style={{ width: 150 }}
          options={[
            { value: 'all', label: `${t('sessions.attendance.status')}：${t('common.all')}` },
            ...ATTENDANCE_STATUSES.map((st) => ({ value: st, label: t(`sessions.attendance.statuses.${st}`) })),
          ]}
        />
      </div>
      <Table<Seat>
        rowKey="deputyId"
        size="small"
        loading={attendance.isPending}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 100, hideOnSinglePage: true, showTotal: (count) => t('common.total', { count }) }}
      />
      {attendance.isError ? <Typography.Text type="danger">{t('common.loadFailed')}</Typography.Text> : null}
      {leaveOf ? (
        <LeaveModal
          seat={leaveOf}
          pending={record.isPending}
          onCancel={() => setLeaveOf(null)}
          onSave={(reason) => record.mutate([{ deputyId: leaveOf.deputyId, status: 'leave', leaveReason: reason }], {
            onSuccess: () => setLeaveOf(null),
            onError: (err) => report(err),
          })}
        />
      ) : null}
      {showQr ? <CheckinQrModal session={session} quorum={quorum} onClose={() => setShowQr(false)} /> : null}
    </div>
  );
}

function LeaveModal({ seat, pending, onCancel, onSave }: { seat: Seat; pending: boolean; onCancel: () => void; onSave: (reason: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={t('sessions.attendance.leaveTitle', { name: seat.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ reason: seat.leaveReason ?? '' }} onFinish={(v) => onSave(v.reason.trim())}>
        <Form.Item label={t('sessions.attendance.leaveReason')} name="reason" rules={[{ required: true, whitespace: true, max: 200, message: t('sessions.attendance.leaveReasonRequired') }]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
