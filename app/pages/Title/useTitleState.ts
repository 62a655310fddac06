import type { TitleState } from '@reel/contracts';
import { useState } from 'preact/hooks';
import { api, get, problemMessage } from '../../lib/api.ts';
import { useResource } from '../../lib/useResource.ts';

const EMPTY: TitleState = { onWatchlist: false, rating: null, history: null };

export type TitleStateControls = {
  state: TitleState | undefined;
  /** A write that failed, in words (the control shows its previous value again). */
  problem: string | null;
  toggleWatchlist: () => Promise<void>;
  rate: (score: number | null) => Promise<void>;
};

/**
 * The active profile's watchlist, rating and position for a title (GET /api/me/titles/{id}), with writes
 * applied at once and rolled back when the API refuses them, so buttons respond without waiting.
 * `profileId` null (signed out, or no profile yet) loads nothing.
 */
export function useTitleState(videoId: string, profileId: string | null): TitleStateControls {
  const loaded = useResource(
    () => (profileId ? get<TitleState>(`/api/me/titles/${videoId}`) : Promise.resolve(EMPTY)),
    `${videoId}:${profileId}`,
  );
  const [override, setOverride] = useState<{ key: string; state: TitleState } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const key = `${videoId}:${profileId}`;
  const state = override?.key === key ? override.state : loaded.data;
  const write = async (next: TitleState, call: () => Promise<unknown>) => {
    const before = state;
    setProblem(null);
    setOverride({ key, state: next });
    try {
      await call();
    } catch (err) {
      if (before) setOverride({ key, state: before });
      setProblem(problemMessage(err, 'That didn’t save. Please try again.'));
    }
  };
  return {
    state,
    problem,
    toggleWatchlist: async () => {
      if (!state) return;
      const on = !state.onWatchlist;
      await write({ ...state, onWatchlist: on }, () =>
        api(on ? 'PUT' : 'DELETE', `/api/me/watchlist/${videoId}`),
      );
    },
    rate: async (score) => {
      if (!state) return;
      const rating = score === null ? null : { score, review: state.rating?.review ?? null };
      await write({ ...state, rating }, () =>
        score === null
          ? api('DELETE', `/api/me/ratings/${videoId}`)
          : api('PUT', `/api/me/ratings/${videoId}`, { score }),
      );
    },
  };
}
