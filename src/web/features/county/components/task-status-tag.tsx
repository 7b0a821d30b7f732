import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskStatus } from '../types';

const COLOR: Record<TaskStatus, string> = { pending: 'default', overdue: 'red', reported: 'green' };

/** 未报送 / 逾期 / 已报送. */
export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]} data-testid="task-status">{t(`county.notices.status.${status}`)}</Tag>;
}
