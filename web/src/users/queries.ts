import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, request } from '../api/client';
import type { components } from '../api/schema';
import type { LockoutView } from '../api/views';

export type UserView = components['schemas']['UserResponse'];

/** GET /api/users (office, auditor): every user with roles, unit and state; the API does not page them. */
export function useUsers(unitCode: string | undefined) {
  return useQuery({
    queryKey: ['users', unitCode ?? null],
    queryFn: ({ signal }) => get<UserView[]>('/api/users', { unitCode }, signal),
    placeholderData: (previous) => previous,
  });
}

/** GET /api/users/:id/lockout: whether failed logins locked the user out, and until when. */
export function useLockout(id: string) {
  return useQuery({
    queryKey: ['lockout', id],
    queryFn: ({ signal }) => get<LockoutView>(`/api/users/${encodeURIComponent(id)}/lockout`, undefined, signal),
    staleTime: 5_000,
  });
}

/** POST /api/users/:id/unlock: lifts the login lock (every address); answers the state afterwards. */
export function useUnlock(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (await request<LockoutView>(`/api/users/${encodeURIComponent(id)}/unlock`, { method: 'POST', body: {} })).data,
    onSuccess: (state) => queryClient.setQueryData(['lockout', id], state),
  });
}
