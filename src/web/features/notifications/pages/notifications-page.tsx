import { App, Button, Card, Empty, Pagination, Spin, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api';
import { NotificationItem } from '../components/notification-item';
import '../notifications.css';

const PAGE_SIZE = 20;

/** /notifications: all the signed-in user's notices, newest first. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications({ unreadOnly, page, pageSize: PAGE_SIZE });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  return (
    <div>
      <PageHeader
        title={t('notifications.title')}
        extra={(
          <Button disabled={!list.data?.unread} loading={markAll.isPending} onClick={() => markAll.mutate(undefined, { onSuccess: () => void message.success(t('notifications.markedAllRead')) })}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      >
        <p className="page-intro">{t('notifications.intro')}</p>
      </PageHeader>
      <Card>
        <div className="nt-toolbar">
          <label className="sg-filter-switch">
            <Switch size="small" checked={unreadOnly} onChange={(on) => { setUnreadOnly(on); setPage(1); }} aria-label={t('notifications.unreadOnly')} />
            <span aria-hidden>{t('notifications.unreadOnly')}</span>
          </label>
        </div>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : list.isPending ? <Spin /> : list.data.items.length ? (
          <>
            <ul className="nt-page-list">
              {list.data.items.map((n) => (
                <li key={n.id}>
                  <NotificationItem n={n} onOpen={() => {
                    if (!n.readAt) markRead.mutate(n.id);
                    if (n.suggestionId) void navigate(`/suggestions/${n.suggestionId}`);
                    else if (n.kind === 'county_notice') void navigate('/county-tasks');
                    else if (n.kind === 'audit_alert') void navigate('/audit');
                  }} />
                </li>
              ))}
            </ul>
            {list.data.total > PAGE_SIZE ? <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} showSizeChanger={false} /> : null}
          </>
        ) : <Empty description={t('notifications.empty')} />}
      </Card>
    </div>
  );
}
