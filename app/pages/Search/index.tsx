import type { GenreView } from '@reel/contracts';
import { useEffect } from 'preact/hooks';
import { EmptyState } from '../../components/States.tsx';
import { TitleGrid } from '../../components/TitleGrid.tsx';
import { get, queryString } from '../../lib/api.ts';
import type { PageProps } from '../../lib/router.tsx';
import { useCatalogPages } from '../../lib/useCatalogPages.ts';
import { useResource } from '../../lib/useResource.ts';
import '../Browse/browse.css';

const PAGE_SIZE = 24;
/** The API's limit on `q` (contracts MAX_SEARCH_LENGTH); longer text is cut rather than refused. */
const MAX_Q = 100;

function GenreShortcuts() {
  const genres = useResource(() => get<{ genres: GenreView[] }>('/api/genres'), 'genres');
  if (!genres.data?.genres.length) return null;
  return (
    <ul class="chips" aria-label="Browse by genre">
      {genres.data.genres.map((g) => (
        <li key={g.id}>
          <a href={`/browse?genre=${g.id}`}>{g.name}</a>
        </li>
      ))}
    </ul>
  );
}

function Results({ q }: { q: string }) {
  const pages = useCatalogPages(`/api/videos${queryString({ q, limit: PAGE_SIZE })}`, PAGE_SIZE);
  return (
    <TitleGrid
      pages={pages}
      label={`Results for ${q}`}
      empty={
        <EmptyState title={`No titles match “${q}”`}>
          <p>Check the spelling, try fewer words, or browse by genre.</p>
          <GenreShortcuts />
        </EmptyState>
      }
    />
  );
}

/** `/search?q=`: titles whose name contains what was typed in the header's search box. */
export default function Search({ query }: PageProps) {
  const q = (query.get('q') ?? '').trim().slice(0, MAX_Q);
  useEffect(() => {
    document.title = q ? `“${q}” · Search · Reel` : 'Search · Reel';
  }, [q]);
  return (
    <div class="search-page page">
      <header class="page-head">
        <h1>{q ? <>Results for “{q}”</> : 'Search'}</h1>
      </header>
      {q ? (
        <Results q={q} />
      ) : (
        <EmptyState title="What do you want to watch?">
          <p>Type a title in the search box above, or start from a genre.</p>
          <GenreShortcuts />
        </EmptyState>
      )}
    </div>
  );
}
