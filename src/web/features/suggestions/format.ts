import type { Township } from '../../app/api/types';
import type { SuggestionState } from './types';

/** The township's categories of suggestions, offered at 立案 and as a filter. */
export function suggestionCategories(township: Township): string[] {
  return township.settings.suggestionCategories ?? [];
}

/** Who is looking at the list: all of the township's, a deputy's own, or a unit's. */
export type ListMode = 'all' | 'mine' | 'unit';

/** States a filter offers, in workflow order (drafts only to their authors). */
export const FILTER_STATES: Record<ListMode, SuggestionState[]> = {
  all: ['submitted', 'registered', 'assigned', 'replied', 're_handling', 'closed', 'returned', 'withdrawn'],
  mine: ['draft', 'submitted', 'returned', 'registered', 'assigned', 'replied', 're_handling', 'closed', 'withdrawn'],
  unit: ['assigned', 're_handling', 'replied', 'closed'],
};

/** Years a filter offers: this year back to five years ago. */
export function recentYears(thisYear: number): number[] {
  return Array.from({ length: 6 }, (_, i) => thisYear - i);
}

/** A file size as people read it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A share 0..1 as a whole percentage, or null. */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
