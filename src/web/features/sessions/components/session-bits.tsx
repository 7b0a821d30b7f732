import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AgendaKind, SessionState } from '../types';

const STATE_COLORS: Record<SessionState, string> = { planned: 'blue', open: 'green', closed: 'default' };

/** 筹备中 / 进行中 / 已闭会 */
export function SessionStateTag({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`sessions.states.${state}`)}</Tag>;
}

const KIND_COLORS: Record<AgendaKind, string> = {
  government_report: 'red', presidium_report: 'volcano', budget: 'gold', election: 'purple', motion: 'cyan', other: 'default',
};

/** The Chinese label of an agenda item's kind: 政府工作报告, 预算和决算, … */
export function AgendaKindTag({ kind }: { kind: AgendaKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`sessions.kinds.${kind}`)}</Tag>;
}

/** 2026-12-22 至 2026-12-23, or one day. */
export function formatDateRange(t: TFunction, start: string, end: string): string {
  return start === end ? start : t('sessions.dateRange', { start, end });
}

/** A signed margin: +3, 0, −1 (a real minus sign). */
export function formatMargin(margin: number): string {
  if (margin > 0) return `+${margin}`;
  if (margin < 0) return `−${Math.abs(margin)}`;
  return '0';
}
