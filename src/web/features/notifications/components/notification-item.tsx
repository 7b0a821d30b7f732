import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import type { AppNotification, NotificationStage } from '../types';

const STAGE_COLOR: Record<NotificationStage, string> = {
  assigned: 'blue', replied: 'green', dissatisfied: 'orange', due_soon_7d: 'gold', overdue: 'red', overdue_30d: 'magenta', county_notice_issued: 'purple', audit_chain_broken: 'red',
};

/** One notice: its stage, the suggestion it is about, and when; unread ones in bold. */
export function NotificationItem({ n, onOpen, compact = false }: { n: AppNotification; onOpen: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <button type="button" className={`nt-item${n.readAt ? '' : ' nt-unread'}`} onClick={onOpen}>
      <span className="nt-item-top">
        <Tag color={STAGE_COLOR[n.stage]}>{t(`notifications.stages.${n.stage}`)}</Tag>
        {n.readAt ? null : <span className="nt-dot" aria-label={t('notifications.unread')} />}
        <span className="nt-time">{formatDateTime(n.createdAt)}</span>
      </span>
      <span className="nt-title">{n.title}</span>
      {!compact && n.body ? <span className="nt-body">{n.body}</span> : null}
    </button>
  );
}
