import { useEffect, useState } from 'preact/hooks';
import { type CatalogItem, fetchCatalog, fetchGenres, fetchHealth, type Genre } from './api.ts';

type Row = { title: string; items: CatalogItem[] };

async function loadRows(): Promise<Row[]> {
  const [newest, popular, { genres }] = await Promise.all([
    fetchCatalog('sort=newest&limit=12'),
    fetchCatalog('sort=popular&limit=12'),
    fetchGenres(),
  ]);
  const byGenre = await Promise.all(
    genres.slice(0, 4).map(async (g: Genre) => ({
      title: g.name,
      items: (await fetchCatalog(`genre=${g.id}&limit=12`)).items,
    })),
  );
  return [
    { title: 'New on Reel', items: newest.items },
    { title: 'Popular', items: popular.items },
    ...byGenre,
  ].filter((r) => r.items.length > 0);
}

const minutes = (s: number | null) => (s ? `${Math.round(s / 60)} min` : '');

/**
 * The minimal app shell served until the full PWA lands: health, and the catalog in rows, all from the
 * real API.
 */
export function Shell() {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [healthy, setHealthy] = useState<boolean | null>(null);

  useEffect(() => {
    fetchHealth().then(
      (h) => setHealthy(h.ok),
      () => setHealthy(false),
    );
    loadRows().then(setRows, (e: unknown) => setError(String(e)));
  }, []);

  return (
    <main>
      <header>
        <h1>Reel</h1>
        <span class={healthy ? 'ok' : 'bad'} data-testid="health">
          {healthy === null ? 'checking…' : healthy ? 'API healthy' : 'API unavailable'}
        </span>
        <a href="/api/docs">API docs</a>
      </header>
      {error && <p role="alert">Could not load the catalog: {error}</p>}
      {rows === null && !error && <p>Loading the catalog…</p>}
      {rows?.map((row) => (
        <section key={row.title} aria-label={row.title}>
          <h2>{row.title}</h2>
          <ul class="row">
            {row.items.map((v) => (
              <li key={v.id} class="card" data-testid="title-card">
                <strong>{v.title}</strong>
                <small>
                  {v.releaseYear ?? ''} · {v.ageRating}+ · {minutes(v.durationS)}
                </small>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
