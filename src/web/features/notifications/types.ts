/** The notifications API's shapes (src/server/modules/notifications/notifications.routes.ts). */
export const NOTIFICATION_STAGES = ['assigned', 'replied', 'dissatisfied', 'due_soon_7d', 'overdue', 'overdue_30d', 'county_notice_issued', 'audit_chain_broken'] as const;
export type NotificationStage = (typeof NOTIFICATION_STAGES)[number];

export interface AppNotification {
  id: string;
  townshipId: string;
  kind: 'suggestion' | 'county_notice' | 'audit_alert';
  stage: NotificationStage;
  suggestionId: string | null;
  round: number;
  title: string;
  body: string | null;
  viaUnitId: string | null;
  viaRole: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  unread: number;
  total: number;
}
