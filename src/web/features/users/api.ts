import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import type { ItemList, Role, User } from '../../app/api/types';

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Exclude<Role, 'county_admin'>;
  unitId: string | null;
  villageId: string | null;
  email?: string | null;
}

export type UpdateUserInput = Partial<Omit<CreateUserInput, 'username'>> & { isActive?: boolean };

export function useUsers(townshipId: string) {
  return useQuery({
    queryKey: ['users', townshipId],
    queryFn: () => api.get<ItemList<User>>(`/api/v1/townships/${encodeURIComponent(townshipId)}/users`),
    select: (data) => data.items,
  });
}

function useInvalidateUsers(townshipId: string) {
  const queryClient = useQueryClient();
  return () => {
    for (const key of ['users', 'dashboard']) void queryClient.invalidateQueries({ queryKey: [key, townshipId] });
  };
}

/** Creates an account; the answer carries the temporary password, shown once. */
export function useCreateUser(townshipId: string) {
  const invalidate = useInvalidateUsers(townshipId);
  return useMutation({
    mutationFn: (input: CreateUserInput) =>
      api.post<{ user: User; temporaryPassword: string }>(`/api/v1/townships/${encodeURIComponent(townshipId)}/users`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateUser(townshipId: string) {
  const invalidate = useInvalidateUsers(townshipId);
  return useMutation({
    mutationFn: ({ id, ...patch }: UpdateUserInput & { id: string }) => api.patch<User>(`/api/v1/users/${encodeURIComponent(id)}`, patch),
    onSuccess: invalidate,
  });
}

/** Sets a temporary password (shown once), unlocks the account and ends its sessions. */
export function useResetPassword(townshipId: string) {
  const invalidate = useInvalidateUsers(townshipId);
  return useMutation({
    mutationFn: (id: string) => api.post<{ temporaryPassword: string }>(`/api/v1/users/${encodeURIComponent(id)}/reset-password`, {}),
    onSuccess: invalidate,
  });
}
