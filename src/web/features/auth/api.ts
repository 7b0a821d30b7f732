import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import type { Me } from '../../app/api/types';

export interface LoginInput {
  username: string;
  password: string;
}

export function useLogin() {
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Me>('/api/v1/auth/login', input, { quietAuth: true }),
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<{ ok: true }>('/api/v1/auth/change-password', input),
  });
}

/** Whether the system still needs its first-run setup. */
export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => api.get<{ needed: boolean }>('/api/v1/setup', { quietAuth: true }),
    staleTime: 60_000,
  });
}
