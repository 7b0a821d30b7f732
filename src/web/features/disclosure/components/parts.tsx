import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import type { Period, VersionStatus } from '../types';

/** 12345 fen → "123.45" with thousands separators. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

export function VersionTag({ status }: { status: VersionStatus }) {
  const { t } = useTranslation();
  const color = status === 'published' ? 'green' : status === 'draft' ? 'gold' : 'default';
  return <Tag color={color}>{t(`disclosure.status.${status}`)}</Tag>;
}

export function PeriodTag({ period }: { period: Pick<Period, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  if (period.overdue) return <Tag color="red">{t('disclosure.overdue')}{period.status === 'draft' ? ` · ${t('disclosure.status.draft')}` : ''}</Tag>;
  const color = period.status === 'published' ? 'green' : period.status === 'draft' ? 'gold' : period.status === 'missing' ? 'orange' : 'blue';
  return <Tag color={color}>{t(`disclosure.status.${period.status}`)}</Tag>;
}

/** A published period whose opening balance no longer follows on from the previous period: a warning tag, the expected balance in its tooltip. */
export function CarryOverTag({ period }: { period: Pick<Period, 'carryOver'> }) {
  const { t } = useTranslation();
  const c = period.carryOver;
  if (!c) return null;
  const tip = t('disclosure.village.carryOverTip', { amount: yuan(c.expected), previous: currentLanguage() === 'en-US' ? c.previousLabelEn : c.previousLabel });
  return (
    <Tooltip title={tip}>
      <Tag color="warning" tabIndex={0}>{t('disclosure.village.carryOver')}</Tag>
    </Tooltip>
  );
}

