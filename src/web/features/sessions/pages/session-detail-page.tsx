import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { NotFoundPage } from '../../../components/status-pages';
import { useSession } from '../api';
import { AgendaTab } from '../components/agenda-tab';
import { AttendanceTab } from '../components/attendance-tab';
import { MotionsTab } from '../components/motions-tab';
import { OverviewTab } from '../components/overview-tab';
import { ResolutionsTab } from '../components/resolutions-tab';
import { formatDateRange, SessionStateTag } from '../components/session-bits';
import { VotesTab } from '../components/votes-tab';
import '../sessions.css';

const TABS = ['overview', 'agenda', 'attendance', 'votes', 'resolutions', 'motions'] as const;
type TabKey = (typeof TABS)[number];

/** One session: 概况, 议程, 出席, 表决, 决议, 议案. The tab is kept in the address (?tab=). */
export default function SessionDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'overview';
  const session = useSession(id);

  if (session.isError) {
    if (session.error instanceof ApiError && session.error.status === 404) return <NotFoundPage />;
    return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (!session.data) return <div className="page-loading"><Spin /></div>;
  const s = session.data;

  const render = (key: TabKey) => {
    switch (key) {
      case 'overview': return <OverviewTab session={s} />;
      case 'agenda': return <AgendaTab session={s} />;
      case 'attendance': return <AttendanceTab session={s} />;
      case 'votes': return <VotesTab session={s} />;
      case 'resolutions': return <ResolutionsTab session={s} />;
      case 'motions': return <MotionsTab session={s} />;
    }
  };

  return (
    <div className="sessions-page">
      <Link to="/sessions" className="sessions-back"><ArrowLeftOutlined aria-hidden /> {t('sessions.detail.back')}</Link>
      <PageHeader title={<span className="sessions-detail-title">{s.name}<SessionStateTag state={s.state} /></span>}>
        <p className="sessions-detail-sub">{s.fullName}{'\u3000'}{formatDateRange(t, s.startDate, s.endDate)}{'\u3000'}{s.place}</p>
      </PageHeader>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={TABS.map((key) => ({ key, label: t(`sessions.detail.tabs.${key}`), children: render(key) }))}
        />
      </Card>
    </div>
  );
}
