import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import type { ItemList } from '../../app/api/types';

export interface AuditRow {
  id: string;
  seq: number;
  at: string;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** The township's audit trail, newest first, a page at a time (older pages by `beforeSeq`). */
export function useAuditLog(townshipId: string) {
  return useInfiniteQuery({
    queryKey: ['audit', townshipId],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.get<ItemList<AuditRow>>(`/api/v1/townships/${encodeURIComponent(townshipId)}/audit`, {
        query: { limit: AUDIT_PAGE_SIZE, beforeSeq: pageParam },
      }),
    getNextPageParam: (last) => (last.items.length < AUDIT_PAGE_SIZE ? undefined : last.items[last.items.length - 1]?.seq),
  });
}
