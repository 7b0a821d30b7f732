import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';

/** The township's figures, computed by the server from its records; modules add keys as they land. */
export function useDashboard(townshipId: string) {
  return useQuery({
    queryKey: ['dashboard', townshipId],
    queryFn: () => api.get<{ counts: Record<string, number> }>(`/api/v1/townships/${encodeURIComponent(townshipId)}/dashboard`),
  });
}
