import type { HistoryEntry, WatchlistItem } from '@reel/contracts';
import { Row } from '../../components/Row.tsx';
import { TitleCard } from '../../components/TitleCard.tsx';
import { get } from '../../lib/api.ts';
import { useResource } from '../../lib/useResource.ts';

type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * The active profile's own rows: what it started and did not finish (the position comes from the player's
 * history, so it follows the profile across devices) and its list. Empty rows are left out.
 */
export function PersonalRows({ profileId }: { profileId: string }) {
  const continuing = useResource(
    () => get<Page<HistoryEntry>>('/api/me/continue-watching?limit=20'),
    `continue:${profileId}`,
  );
  const listed = useResource(
    () => get<Page<WatchlistItem>>('/api/me/watchlist?limit=20'),
    `list:${profileId}`,
  );
  return (
    <>
      {(continuing.loading || continuing.error !== undefined || (continuing.data?.items.length ?? 0) > 0) && (
        <Row
          title="Continue watching"
          loading={continuing.loading}
          error={continuing.error}
          onRetry={continuing.reload}
        >
          {continuing.data?.items.map((e) => (
            <li key={e.video.id}>
              <TitleCard video={e.video} positionS={e.positionS} />
            </li>
          ))}
        </Row>
      )}
      {(listed.data?.items.length ?? 0) > 0 && (
        <Row title="My list">
          {listed.data?.items.map((e) => (
            <li key={e.video.id}>
              <TitleCard video={e.video} />
            </li>
          ))}
        </Row>
      )}
    </>
  );
}
