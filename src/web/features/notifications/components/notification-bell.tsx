import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from '../api';
import type { AppNotification } from '../types';
import { NotificationItem } from './notification-item';
import '../notifications.css';

/** The bell in the header: the unread count, and the latest notices in a popover. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const list = useNotifications({ pageSize: 8, enabled: open });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data ?? 0;

  const openItem = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpen(false);
    if (n.suggestionId) void navigate(`/suggestions/${n.suggestionId}`);
    else if (n.kind === 'county_notice') void navigate('/county-tasks');
    else if (n.kind === 'audit_alert') void navigate('/audit');
  };

  const content = (
    <div className="nt-popover" data-testid="notification-popover">
      {list.isPending ? <div className="nt-loading"><Spin /></div> : list.data?.items.length ? (
        <ul className="nt-list">
          {list.data.items.map((n) => <li key={n.id}><NotificationItem n={n} onOpen={() => openItem(n)} compact /></li>)}
        </ul>
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />}
      <div className="nt-popover-footer">
        <Button type="link" size="small" disabled={count === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>{t('notifications.markAllRead')}</Button>
        <Button type="link" size="small" onClick={() => { setOpen(false); void navigate('/notifications'); }}>{t('notifications.viewAll')}</Button>
      </div>
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title={t('notifications.recent')} content={content} open={open} onOpenChange={setOpen}>
      <Button type="text" className="app-bell-button" aria-label={count ? t('notifications.bell', { count }) : t('notifications.bellNone')} data-testid="notification-bell">
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined aria-hidden className="app-bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
