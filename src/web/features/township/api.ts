import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import type { Township, TownshipSettings } from '../../app/api/types';
import { ME_KEY } from '../../app/auth/auth-context';

export function useTownshipDetail(townshipId: string) {
  return useQuery({
    queryKey: ['township', townshipId],
    queryFn: () => api.get<Township>(`/api/v1/townships/${encodeURIComponent(townshipId)}`),
  });
}

export interface TownshipPatch {
  name?: string;
  settings?: Partial<TownshipSettings>;
}

export function useUpdateTownship(townshipId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: TownshipPatch) => api.patch<Township>(`/api/v1/townships/${encodeURIComponent(townshipId)}`, patch),
    onSuccess: (township) => {
      queryClient.setQueryData(['township', townshipId], township);
      // The header shows the name from /auth/me.
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}
