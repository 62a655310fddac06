import type { ComponentChildren } from 'preact';
import type { CatalogPages } from '../lib/useCatalogPages.ts';
import { ErrorState } from './States.tsx';
import { CardSkeleton, TitleCard } from './TitleCard.tsx';

/**
 * Titles in a responsive grid with "Load more" (cursor pagination). `empty` is shown when the first page
 * holds nothing; errors keep what was already loaded and offer a retry.
 */
export function TitleGrid({
  pages,
  empty,
  label,
}: {
  pages: CatalogPages;
  empty: ComponentChildren;
  label: string;
}) {
  if (pages.loading) {
    return (
      <ul class="title-grid" aria-busy="true" aria-label={label}>
        {Array.from({ length: 12 }, (_, i) => (
          <li key={i}>
            <CardSkeleton />
          </li>
        ))}
      </ul>
    );
  }
  if (pages.error !== undefined && pages.items.length === 0) {
    return <ErrorState error={pages.error} title="Couldn’t load titles" onRetry={pages.retry} />;
  }
  if (pages.items.length === 0 && !pages.hasMore) return <>{empty}</>;
  return (
    <>
      <ul class="title-grid" aria-label={label}>
        {pages.items.map((v) => (
          <li key={v.id}>
            <TitleCard video={v} />
          </li>
        ))}
      </ul>
      {pages.error !== undefined && (
        <ErrorState error={pages.error} title="Couldn’t load more" onRetry={pages.retry} />
      )}
      {pages.hasMore && pages.error === undefined && (
        <div class="load-more">
          <button type="button" class="button" onClick={pages.loadMore} disabled={pages.loadingMore}>
            {pages.loadingMore ? 'Loading…' : pages.items.length ? 'Load more' : 'Search further'}
          </button>
        </div>
      )}
    </>
  );
}
