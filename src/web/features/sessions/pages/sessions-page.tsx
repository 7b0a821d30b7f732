import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import { useSessions } from '../api';
import { formatDateRange, SessionStateTag } from '../components/session-bits';
import { SessionFormModal } from '../components/session-form-modal';
import type { Session } from '../types';
import '../sessions.css';

/** The township's congress sessions by year, with the once-a-year warning (地方组织法 第14条). */
export default function SessionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = useAuth();
  const township = useTownship();
  const { yearOrAll, setYear } = useUrlFilters();
  const year = yearOrAll();
  const sessions = useSessions(township.id, year);
  const all = useSessions(township.id, undefined);
  const [creating, setCreating] = useState(false);
  const canManage = can('session.manage');

  const today = sessions.data?.today ?? all.data?.today;
  const currentYear = today ? Number(today.slice(0, 4)) : thisYear();
  const years = useMemo(() => {
    const set = new Set<number>([currentYear]);
    for (const s of all.data?.items ?? []) set.add(Number(s.startDate.slice(0, 4)));
    return [...set].sort((a, b) => b - a);
  }, [all.data, currentYear]);
  const latestTerm = all.data?.items[0]?.termNumber;

  const columns: TableColumnsType<Session> = [
    {
      title: t('sessions.list.name'), key: 'name',
      render: (_, s) => <Link to={`/sessions/${s.id}`}>{s.name}</Link>,
    },
    { title: t('sessions.list.dates'), key: 'dates', width: 230, render: (_, s) => formatDateRange(t, s.startDate, s.endDate) },
    { title: t('sessions.list.place'), dataIndex: 'place' },
    { title: t('sessions.list.state'), dataIndex: 'state', width: 100, render: (state: Session['state']) => <SessionStateTag state={state} /> },
    {
      title: t('sessions.list.seated'), dataIndex: 'seatedCount', width: 120, align: 'right',
      render: (n: number | null) => (n === null ? <Typography.Text type="secondary">{t('sessions.list.seatedPreview')}</Typography.Text> : t('sessions.list.people', { count: n })),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('sessions.list.add')}</Button> : undefined}
      >
        <p className="page-intro">{t('sessions.intro')}</p>
      </PageHeader>
      {sessions.data?.warnings.includes('no_session_this_year') ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="sessions-alert"
          title={t('sessions.list.noSessionTitle', { year: currentYear })}
          description={t('sessions.list.noSessionText')}
          action={canManage ? <Button size="small" onClick={() => setCreating(true)}>{t('sessions.list.add')}</Button> : undefined}
        />
      ) : null}
      <Card>
        <div className="page-toolbar">
          <YearSelect allowAll years={years} value={year ?? null} onChange={setYear} style={{ width: 160 }} />
        </div>
        {sessions.isError ? (
          <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <Table<Session>
            rowKey="id"
            size="middle"
            loading={sessions.isPending}
            columns={columns}
            dataSource={sessions.data?.items ?? []}
            locale={{ emptyText: t('sessions.list.empty') }}
            pagination={{ pageSize: 20, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
          />
        )}
      </Card>
      {creating ? (
        <SessionFormModal
          session={null}
          defaultTerm={latestTerm}
          onClose={(saved) => {
            setCreating(false);
            if (saved) {
              void message.success(t('common.created'));
              void navigate(`/sessions/${saved.id}`);
            }
          }}
        />
      ) : null}
    </>
  );
}
