import type { CatalogSort, VideoPage } from '@reel/contracts';
import { useRef } from 'preact/hooks';
import { get, queryString } from '../lib/api.ts';
import { useInView } from '../lib/useInView.ts';
import { useResource } from '../lib/useResource.ts';
import { Row } from './Row.tsx';
import { TitleCard } from './TitleCard.tsx';

const ROW_SIZE = 20;

/**
 * A row of the catalog (one sort, optionally one genre), loaded when it nears the viewport. A row that
 * turns out empty disappears rather than showing an empty shelf.
 */
export function CatalogRow({ title, sort, genre }: { title: string; sort: CatalogSort; genre?: string }) {
  const anchor = useRef<HTMLDivElement>(null);
  const visible = useInView(anchor);
  const query = queryString({ sort, genre, limit: ROW_SIZE });
  const page = useResource<VideoPage | null>(
    () => (visible ? get<VideoPage>(`/api/videos${query}`) : Promise.resolve(null)),
    `${visible}${query}`,
  );
  if (page.data?.items.length === 0) return null;
  const seeAll = `/browse${queryString({ sort: sort === 'newest' ? undefined : sort, genre })}`;
  return (
    <div ref={anchor}>
      <Row
        title={title}
        seeAll={seeAll}
        loading={page.loading || page.data === null}
        error={page.error}
        onRetry={page.reload}
      >
        {page.data?.items.map((v) => (
          <li key={v.id}>
            <TitleCard video={v} />
          </li>
        ))}
      </Row>
    </div>
  );
}
