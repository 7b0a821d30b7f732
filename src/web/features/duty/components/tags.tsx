import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { KIND_COLORS, STATUS_COLORS } from '../format';
import type { ActivityKind, OpinionStatus } from '../types';

export function KindTag({ kind }: { kind: ActivityKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]} className="duty-tag">{t(`duty.kinds.${kind}`)}</Tag>;
}

export function OpinionStatusTag({ status }: { status: OpinionStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} className="duty-tag">{t(`duty.statuses.${status}`)}</Tag>;
}
