/** The few catalog fields the shell renders (the full contract is /api/openapi.json). */
export type CatalogItem = {
  id: string;
  title: string;
  releaseYear: number | null;
  ageRating: number;
  durationS: number | null;
};
export type Genre = { id: string; name: string };

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

export const fetchCatalog = (query: string) => getJson<{ items: CatalogItem[] }>(`/api/videos?${query}`);
export const fetchGenres = () => getJson<{ genres: Genre[] }>('/api/genres');
export const fetchHealth = () => getJson<{ ok: boolean }>('/api/health');
