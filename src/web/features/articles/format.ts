import type { ArticleStatus } from './types';

export const STATUS_COLOR: Record<ArticleStatus, string> = { draft: 'default', submitted: 'orange', published: 'green', unpublished: 'red' };

/** An instant as local date and minute: 2026-03-05 09:30. */
export function formatInstant(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
