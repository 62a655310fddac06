import type { GenreView } from '@reel/contracts';
import { useEffect } from 'preact/hooks';
import { EmptyState } from '../../components/States.tsx';
import { TitleGrid } from '../../components/TitleGrid.tsx';
import { get, queryString } from '../../lib/api.ts';
import { navigate, type PageProps } from '../../lib/router.tsx';
import { useCatalogPages } from '../../lib/useCatalogPages.ts';
import { useResource } from '../../lib/useResource.ts';
import { type BrowseFilters, FILTER_KEYS, Filters, SORTS } from './Filters.tsx';
import './browse.css';

const PAGE_SIZE = 24;

const filtersOf = (query: URLSearchParams): BrowseFilters => ({
  genre: query.get('genre') ?? '',
  year: query.get('year') ?? '',
  language: query.get('language') ?? '',
  ageRating: query.get('ageRating') ?? '',
  sort: query.get('sort') ?? 'newest',
});

/** `/browse`: the whole catalog, narrowed by genre, year, language and age rating, in a chosen order. */
export default function Browse({ query }: PageProps) {
  const filters = filtersOf(query);
  const genres = useResource(() => get<{ genres: GenreView[] }>('/api/genres'), 'genres');
  const genreName = genres.data?.genres.find((g) => g.id === filters.genre)?.name;
  const api = `/api/videos${queryString({ ...filters, sort: filters.sort, limit: PAGE_SIZE })}`;
  const pages = useCatalogPages(api, PAGE_SIZE);
  const heading = genreName ?? 'Browse';
  useEffect(() => {
    document.title = `${heading} · Reel`;
  }, [heading]);
  const change = (key: keyof BrowseFilters, value: string) => {
    const next = { ...filters, [key]: value };
    navigate(`/browse${queryString({ ...next, sort: next.sort === 'newest' ? '' : next.sort })}`, {
      replace: true,
    });
  };
  const filtered = FILTER_KEYS.some((k) => k !== 'sort' && filters[k]);
  const sortName = SORTS.find(([v]) => v === filters.sort)?.[1] ?? 'Newest';
  return (
    <div class="browse page">
      <header class="page-head">
        <h1>{heading}</h1>
        <p class="quiet" aria-live="polite">
          {sortName}
          {filtered && ' · filtered'}
        </p>
      </header>
      <Filters filters={filters} genres={genres.data?.genres ?? []} onChange={change} />
      <TitleGrid
        pages={pages}
        label={`${heading} titles`}
        empty={
          <EmptyState title="No titles match these filters">
            <p>Try another genre or year, or clear the filters to see everything.</p>
            {filtered && (
              <button type="button" class="button" onClick={() => navigate('/browse')}>
                Clear filters
              </button>
            )}
          </EmptyState>
        }
      />
    </div>
  );
}
