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

/** A share 0..1 as a whole percentage, or null. */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
