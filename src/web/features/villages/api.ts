import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import type { ItemList, Village, VillageKind } from '../../app/api/types';

export interface VillageInput {
  name: string;
  code: string | null;
  kind: VillageKind;
  sortOrder?: number;
}

export function useVillages(townshipId: string, includeArchived = false) {
  return useQuery({
    queryKey: ['villages', townshipId, { includeArchived }],
    queryFn: () => api.get<ItemList<Village>>(`/api/v1/townships/${encodeURIComponent(townshipId)}/villages`, { query: { includeArchived } }),
    select: (data) => data.items,
  });
}

function useInvalidateVillages(townshipId: string) {
  const queryClient = useQueryClient();
  return () => {
    // A village brings its 村委会 unit along, and both appear on the dashboard.
    for (const key of ['villages', 'units', 'dashboard']) void queryClient.invalidateQueries({ queryKey: [key, townshipId] });
  };
}

export function useCreateVillage(townshipId: string) {
  const invalidate = useInvalidateVillages(townshipId);
  return useMutation({
    mutationFn: (input: VillageInput) => api.post<Village>(`/api/v1/townships/${encodeURIComponent(townshipId)}/villages`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateVillage(townshipId: string) {
  const invalidate = useInvalidateVillages(townshipId);
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<VillageInput> & { id: string; archived?: boolean }) =>
      api.patch<Village>(`/api/v1/villages/${encodeURIComponent(id)}`, patch),
    onSuccess: invalidate,
  });
}
