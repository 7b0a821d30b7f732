import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { recentYears } from '../app/format';

type YearSelectProps = {
  /** The years offered, newest first; this year and the five before it by default. */
  years?: number[];
  /** The accessible name; 年度 by default. */
  label?: string;
  className?: string;
  style?: CSSProperties;
} & (
  /** "全部年度" offered first; null is every year. */
  | { allowAll: true; value: number | null; onChange: (year: number | null) => void }
  | { allowAll?: false; value: number; onChange: (year: number) => void }
);

/** The year filter every yearly page shows: 2026年, 2025年, … and, where it makes sense, 全部年度. */
export function YearSelect({ value, onChange, allowAll, years, label, className, style }: YearSelectProps) {
  const { t } = useTranslation();
  const offered = years ?? recentYears();
  // A year from the address that is not in the list is still shown as chosen, not as a bare number.
  const list = value !== null && !offered.includes(value) ? [...offered, value].sort((a, b) => b - a) : offered;
  return (
    <Select<string>
      aria-label={label ?? t('common.year')}
      value={value === null ? 'all' : String(value)}
      onChange={(v) => (onChange as (year: number | null) => void)(v === 'all' ? null : Number(v))}
      className={className}
      style={style ?? { minWidth: 110 }}
      options={[
        ...(allowAll ? [{ value: 'all', label: t('common.allYears') }] : []),
        ...list.map((y) => ({ value: String(y), label: t('common.yearOption', { year: y }) })),
      ]}
    />
  );
}
