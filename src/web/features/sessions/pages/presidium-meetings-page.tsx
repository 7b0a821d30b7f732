import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import { PresidiumMeetingFormModal } from '../components/presidium-meeting-form-modal';
import { usePresidiumMeetings } from '../presidium-api';
import type { PresidiumMeetingListItem } from '../presidium-types';
import '../sessions.css';

/** Presidium meetings between sessions (主席团会议, 地方组织法 第19条), by year. */
export default function PresidiumMeetingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = useAuth();
  const township = useTownship();
  const { yearOrAll, setYear } = useUrlFilters();
  const year = yearOrAll();
  const meetings = usePresidiumMeetings(township.id, year);
  const all = usePresidiumMeetings(township.id, undefined);
  const [creating, setCreating] = useState(false);
  const canManage = can('presidium_meeting.manage');

  const years = useMemo(() => {
    const set = new Set<number>([thisYear()]);
    for (const m of all.data?.items ?? []) set.add(Number(m.meetingDate.slice(0, 4)));
    return [...set].sort((a, b) => b - a);
  }, [all.data]);

  const columns: TableColumnsType<PresidiumMeetingListItem> = [
    { title: t('sessions.presidium.list.name'), key: 'name', render: (_, m) => <Link to={`/presidium-meetings/${m.id}`}>{m.name}</Link> },
    { title: t('sessions.presidium.list.date'), dataIndex: 'meetingDate', width: 120 },
    { title: t('sessions.presidium.list.place'), dataIndex: 'place' },
    { title: t('sessions.presidium.list.convener'), dataIndex: 'convenedByName', width: 110 },
    {
      title: t('sessions.presidium.list.attendance'), key: 'attendance', width: 200,
      render: (_, m) => (
        <>
          {t('sessions.presidium.list.attendanceValue', { present: m.presentCount, members: m.memberCount })}{' '}
          <Tag color={m.hasQuorum ? 'green' : 'default'}>{m.hasQuorum ? t('sessions.presidium.list.quorumMet') : t('sessions.presidium.list.quorumNotMet')}</Tag>
        </>
      ),
    },
    { title: t('sessions.presidium.list.topics'), key: 'topics', width: 170, render: (_, m) => t('sessions.presidium.list.topicsValue', { count: m.topicCount, decided: m.decidedCount }) },
  ];

  return (
    <>
      <PageHeader
        title={t('sessions.presidium.title')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('sessions.presidium.list.add')}</Button> : undefined}
      >
        <p className="page-intro">{t('sessions.presidium.intro')}</p>
      </PageHeader>
      <Card>
        <div className="page-toolbar">
          <YearSelect allowAll years={years} value={year ?? null} onChange={setYear} style={{ width: 160 }} />
        </div>
        {meetings.isError ? (
          <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />
        ) : (
          <Table<PresidiumMeetingListItem>
            rowKey="id"
            size="middle"
            loading={meetings.isPending}
            columns={columns}
            dataSource={meetings.data?.items ?? []}
            locale={{ emptyText: t('sessions.presidium.list.empty') }}
            pagination={{ pageSize: 20, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
          />
        )}
      </Card>
      {creating ? (
        <PresidiumMeetingFormModal
          meeting={null}
          onClose={(saved) => {
            setCreating(false);
            if (saved) {
              void message.success(t('common.created'));
              void navigate(`/presidium-meetings/${saved.id}`);
            }
          }}
        />
      ) : null}
    </>
  );
}
