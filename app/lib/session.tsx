/** Who is signed in (GET /api/auth/me), shared by every page through a context. */
import type { Me } from '@reel/contracts';
import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { ApiProblem, api } from './api.ts';

export type SessionState = {
  /** undefined while loading, null when signed out. */
  me: Me | null | undefined;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  /** Ends every session of the account, this one included (POST /api/auth/logout-all); throws on failure. */
  signOutEverywhere: () => Promise<void>;
};

const SessionContext = createContext<SessionState>({
  me: undefined,
  refresh: async () => undefined,
  signOut: async () => undefined,
  signOutEverywhere: async () => undefined,
});

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      setMe(await api<Me>('GET', '/api/auth/me'));
    } catch (err) {
      if (err instanceof ApiProblem && err.status === 401) setMe(null);
      else throw err;
    }
  }, []);
  const signOut = useCallback(async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    setMe(null);
  }, []);
  const signOutEverywhere = useCallback(async () => {
    await api('POST', '/api/auth/logout-all');
    setMe(null);
  }, []);
  useEffect(() => {
    refresh().catch(() => setMe(null));
  }, [refresh]);
  return (
    <SessionContext.Provider value={{ me, refresh, signOut, signOutEverywhere }}>
      {children}
    </SessionContext.Provider>
  );
}

export const useSession = () => useContext(SessionContext);
