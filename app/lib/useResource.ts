import { useCallback, useEffect, useState } from 'preact/hooks';

export type Resource<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again (after an error, or after a change the page made). */
  reload: () => void;
};

/**
 * Loads data for a page and tracks loading and error, re-running when `key` changes. A response that
 * arrives after the key moved on (the user navigated) is dropped, so a slow request never overwrites a
 * newer one.
 * @example const video = useResource(() => get<{ video: VideoView }>(`/api/videos/${id}`), id);
 */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown; loading: boolean }>({
    key,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  // `load` is a fresh closure every render; `key` (and `tick`, for reload) say when to run it again.
  useEffect(() => {
    let live = true;
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, loading: true }));
    load().then(
      (data) => live && setState({ key, data, loading: false }),
      (error: unknown) => live && setState({ key, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !current || state.loading,
    reload,
  };
}
