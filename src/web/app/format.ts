import dayjs from 'dayjs';
import { todayInShanghai, yearOfDay } from '../../domain/due-dates';

/** A moment as the office writes it: 2026-03-05 14:30 (local time). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** This year in China (Asia/Shanghai), whatever the browser's time zone: the default of every year filter. */
export function thisYear(): number {
  return yearOfDay(todayInShanghai());
}

/** Years a filter offers: this year back to five years ago. */
export function recentYears(year = thisYear()): number[] {
  return Array.from({ length: 6 }, (_, i) => year - i);
}

/** A file size as people read it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
