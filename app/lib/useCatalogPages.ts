import type { VideoPage, VideoSummary } from '@reel/contracts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get } from './api.ts';

export type CatalogPages = {
  items: VideoSummary[];
  /** The first page is on its way (nothing to show yet). */
  loading: boolean;
  /** A further page is on its way. */
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  retry: () => void;
};

/**
 * A search page may come back short, even empty, with a cursor: the API scans a bounded window per request
 * (catalog-query.ts SEARCH_WINDOW). Up to this many requests are chained to fill one screenful, so a person
 * never sees "no results" while there is more catalog to scan.
 */
const MAX_CHAINED = 6;

async function fetchFill(path: string, limit: number, cursor: string | null) {
  const items: VideoSummary[] = [];
  let next = cursor;
  for (let i = 0; i < MAX_CHAINED; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get<VideoPage>(`${path}${next ? `${sep}cursor=${encodeURIComponent(next)}` : ''}`);
    items.push(...page.items);
    next = page.nextCursor;
    if (!next || items.length >= limit) break;
  }
  return { items, next };
}

/**
 * Pages of `GET /api/videos` for a query string (without cursor), restarting when the query changes and
 * appending with "Load more"; responses for an old query are dropped.
 * @example const pages = useCatalogPages('/api/videos?genre=drama&limit=24', 24);
 */
export function useCatalogPages(path: string, limit: number): CatalogPages {
  const [state, setState] = useState({
    items: [] as VideoSummary[],
    next: null as string | null,
    loading: true,
    loadingMore: false,
    error: undefined as unknown,
  });
  const current = useRef(path);
  const load = useCallback(
    (cursor: string | null) => {
      current.current = path;
      setState((s) => ({ ...s, loading: cursor === null, loadingMore: cursor !== null, error: undefined }));
      fetchFill(path, limit, cursor).then(
        ({ items, next }) => {
          if (current.current !== path) return;
          setState((s) => ({
            items: cursor === null ? items : [...s.items, ...items],
            next,
            loading: false,
            loadingMore: false,
            error: undefined,
          }));
        },
        (error: unknown) => {
          if (current.current === path)
            setState((s) => ({ ...s, loading: false, loadingMore: false, error }));
        },
      );
    },
    [path, limit],
  );
  useEffect(() => {
    setState({ items: [], next: null, loading: true, loadingMore: false, error: undefined });
    load(null);
  }, [load]);
  return {
    items: state.items,
    loading: state.loading,
    loadingMore: state.loadingMore,
    error: state.error,
    hasMore: state.next !== null,
    loadMore: () => state.next && !state.loadingMore && load(state.next),
    retry: () => load(state.items.length ? state.next : null),
  };
}
