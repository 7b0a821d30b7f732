import dayjs from 'dayjs';

/** A moment as the office writes it: 2026-03-05 14:30 (local time). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}
