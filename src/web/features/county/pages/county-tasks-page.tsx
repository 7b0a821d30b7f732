import { Card, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useTownshipTasks } from '../api';
import { TaskStatusTag } from '../components/task-status-tag';
import '../county.css';

/** /county-tasks: the county's notices to this township (人大办), newest due first, with their status. */
export default function CountyTasksPage() {
  const { t } = useTranslation();
  const township = useTownship();
  const list = useTownshipTasks(township.id);
  return (
    <div className="county-page">
      <PageHeader title={t('county.tasks.title')}>
        <p className="page-intro">{t('county.tasks.intro')}</p>
      </PageHeader>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : list.isPending ? <div className="page-loading"><Spin /></div> : list.data.length === 0 ? (
        <Card><Empty description={t('county.tasks.empty')} /></Card>
      ) : (
        <ul className="county-list" aria-label={t('county.tasks.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.map(({ notice, task }) => (
            <li key={task.id}>
              <Card size="small" data-testid="county-task">
                <div className="county-card-top">
                  <Link to={`/county-tasks/${task.id}`} className="county-card-title">{notice.title}</Link>
                  <TaskStatusTag status={task.status} />
                </div>
                <p className="county-muted">
                  {t('county.tasks.from')} · {t('county.notices.detail.periodValue', { from: notice.startsOn, to: notice.endsOn })} · {t('county.tasks.dueOn', { date: notice.reportDueOn })}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
