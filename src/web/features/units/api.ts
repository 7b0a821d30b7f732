import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import type { ItemList, Unit, UnitType } from '../../app/api/types';

export interface UnitInput {
  name: string;
  type: UnitType;
  hasEnforcementPower: boolean;
  villageId: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
}

export function useUnits(townshipId: string, includeArchived = false) {
  return useQuery({
    queryKey: ['units', townshipId, { includeArchived }],
    queryFn: () => api.get<ItemList<Unit>>(`/api/v1/townships/${encodeURIComponent(townshipId)}/units`, { query: { includeArchived } }),
    select: (data) => data.items,
  });
}

function useInvalidateUnits(townshipId: string) {
  const queryClient = useQueryClient();
  return () => {
    for (const key of ['units', 'dashboard']) void queryClient.invalidateQueries({ queryKey: [key, townshipId] });
  };
}

export function useCreateUnit(townshipId: string) {
  const invalidate = useInvalidateUnits(townshipId);
  return useMutation({
    mutationFn: (input: UnitInput) => api.post<Unit>(`/api/v1/townships/${encodeURIComponent(townshipId)}/units`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateUnit(townshipId: string) {
  const invalidate = useInvalidateUnits(townshipId);
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<UnitInput> & { id: string; archived?: boolean }) =>
      api.patch<Unit>(`/api/v1/units/${encodeURIComponent(id)}`, patch),
    onSuccess: invalidate,
  });
}
