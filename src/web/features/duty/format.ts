import { todayInShanghai, yearOfDay } from '../../../domain/due-dates';
import type { ActivityKind, OpinionStatus } from './types';

/** This year in China, the default of every year filter. */
export function thisYear(): number {
  return yearOfDay(todayInShanghai());
}

/** Years a filter offers: this year back to five years ago. */
export function recentYears(year = thisYear()): number[] {
  return Array.from({ length: 6 }, (_, i) => year - i);
}

export const KIND_COLORS: Record<ActivityKind, string> = {
  voter_contact: 'red', inspection: 'blue', research: 'cyan', reception: 'orange', group_activity: 'purple', study: 'green',
};

export const STATUS_COLORS: Record<OpinionStatus, string> = {
  open: 'default', consolidated: 'blue', suggested: 'purple', closed: 'green',
};

/** Village names without the committee suffix, as people say them (东山村委会 → 东山村). */
export function shortVillageName(name: string): string {
  return name.replace(/(村委会|社区居委会|居委会)$/, (m) => (m === '村委会' ? '村' : '社区'));
}

/** A file size as people read it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
