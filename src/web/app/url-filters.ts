import { useSearchParams } from 'react-router';

/** A change to the filters in the address: a value sets a key, a list repeats it, null or '' removes it. */
export type FilterPatch = Record<string, string | string[] | null | undefined>;

/** The `year` in the address: a year, `all` (every year), or null when absent or not a plausible year. */
export function yearFromParam(raw: string | null): number | 'all' | null {
  if (raw === 'all') return 'all';
  if (!raw || !/^\d{4}$/.test(raw)) return null;
  const y = Number(raw);
  return y >= 1949 && y <= 2100 ? y : null;
}

/**
 * A list page's filters and page number kept in the address (so going back from a record keeps
 * them, and a filtered list can be bookmarked or sent). Changing a filter goes back to page 1
 * unless `keepPage`; the history is replaced, not pushed, so Back leaves the list.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const update = (patch: FilterPatch, keepPage = false) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [key, value] of Object.entries(patch)) {
      next.delete(key);
      if (Array.isArray(value)) value.forEach((v) => next.append(key, v));
      else if (value !== null && value !== undefined && value !== '') next.set(key, value);
    }
    if (!keepPage) next.delete('page');
    return next;
  }, { replace: true });
  const isFiltered = [...params.keys()].some((k) => k !== 'page');
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  const asked = yearFromParam(params.get('year'));
  /** The `year` filter of a page that shows one year at a time; none (or not a year, or `all`) is `fallback`. */
  const year = (fallback: number): number => (typeof asked === 'number' ? asked : fallback);
  /** The `year` filter of a page that can show every year (`all`: undefined); none is `fallback`. */
  const yearOrAll = (fallback?: number): number | undefined => (asked === 'all' ? undefined : asked ?? fallback);
  /** Sets the `year` filter (null: every year). */
  const setYear = (y: number | null) => update({ year: y === null ? 'all' : String(y) });
  return { params, page, update, isFiltered, clear, year, yearOrAll, setYear };
}
