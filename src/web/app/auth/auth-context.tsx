import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, setAuthListener, setCsrfToken, type AuthProblem } from '../api/client';
import type { Ability, Me, Township } from '../api/types';

export const ME_KEY = ['me'] as const;
const TOWNSHIP_KEY = 'renda.township';

/** Why the user landed on the login page, shown there as a notice. */
export type LoginReason = AuthProblem | 'LOGGED_OUT';

/** Router state of the login page: where to go back to after signing in. */
export interface LoginState {
  from?: string;
}

interface AuthContextValue {
  /** undefined while loading, null when signed out. */
  me: Me | null | undefined;
  isLoading: boolean;
  /** Why the session ended (kept here, not in router state, so a redirect cannot drop it). */
  loginReason: LoginReason | null;
  township: Township | null;
  townships: Township[];
  selectTownship: (id: string) => void;
  can: (ability: Ability) => boolean;
  signedIn: (me: Me) => void;
  logout: () => Promise<void>;
  refresh: () => Promise<unknown>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/v1/auth/me', { quietAuth: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

function storedTownshipId(): string | null {
  try {
    return window.localStorage.getItem(TOWNSHIP_KEY);
  } catch {
    return null;
  }
}

/** Holds the signed-in user, their townships and abilities; sends them to login when the session ends. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const meQuery = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
  const me = meQuery.data;
  const [townshipId, setTownshipId] = useState<string | null>(storedTownshipId);
  const [loginReason, setLoginReason] = useState<LoginReason | null>(null);

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? null);
  }, [me?.csrfToken]);

  useEffect(() => {
    setAuthListener((problem) => {
      if (problem === 'PASSWORD_CHANGE_REQUIRED') {
        void queryClient.invalidateQueries({ queryKey: ME_KEY });
        void navigate('/password');
        return;
      }
      setCsrfToken(null);
      setLoginReason(problem);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
      void navigate('/login', { replace: true });
    });
    return () => setAuthListener(null);
  }, [navigate, queryClient]);

  const townships = useMemo(() => me?.townships ?? [], [me]);
  const township = useMemo(() => {
    if (townships.length === 0) return null;
    return townships.find((t) => t.id === townshipId)
      ?? townships.find((t) => t.id === me?.user.townshipId)
      ?? townships[0]!;
  }, [townships, townshipId, me?.user.townshipId]);

  const selectTownship = useCallback((id: string) => {
    setTownshipId(id);
    try {
      window.localStorage.setItem(TOWNSHIP_KEY, id);
    } catch {
      // The choice then lasts for this page only.
    }
  }, []);

  const signedIn = useCallback((next: Me) => {
    setCsrfToken(next.csrfToken);
    setLoginReason(null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, next);
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', {}, { quietAuth: true });
    } catch {
      // Signed out locally either way; the server session ends on its own when idle.
    }
    setCsrfToken(null);
    setLoginReason('LOGGED_OUT');
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, null);
    await navigate('/login', { replace: true });
  }, [navigate, queryClient]);

  const value = useMemo<AuthContextValue>(() => ({
    me,
    isLoading: meQuery.isPending,
    loginReason,
    township,
    townships,
    selectTownship,
    can: (ability) => me?.abilities[ability] === true,
    signedIn,
    logout,
    refresh: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  }), [me, meQuery.isPending, loginReason, township, townships, selectTownship, signedIn, logout, queryClient]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The township the pages work on; only used under the signed-in shell, where one exists. */
export function useTownship(): Township {
  const { township } = useAuth();
  if (!township) throw new Error('no township in scope');
  return township;
}
