import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client';

export interface SetupInput {
  townshipCode: string;
  username: string;
  displayName: string;
  password: string;
}

/** First-run setup: the township from its NBS code and the first office account. */
export function useRunSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<{ townshipId: string }>('/api/v1/setup', input, { quietAuth: true }),
    onSuccess: () => queryClient.setQueryData(['setup'], { needed: false }),
  });
}
