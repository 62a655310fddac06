import type { GenreView } from '@reel/contracts';
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { ageLabel, languageName } from '../../lib/format.ts';

/** The filters browse understands, as they appear in its URL. */
export type BrowseFilters = {
  genre: string;
  year: string;
  language: string;
  ageRating: string;
  sort: string;
};
export const FILTER_KEYS = ['genre', 'year', 'language', 'ageRating', 'sort'] as const;

export const SORTS: [string, string][] = [
  ['newest', 'Newest'],
  ['popular', 'Most popular'],
  ['top_rated', 'Top rated'],
];
/** Languages offered in the filter (the catalog has no language index to list them from yet). */
const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'sv', 'pl', 'ja', 'ko', 'zh', 'hi'];
const AGE_LIMITS = [0, 7, 12, 16, 18];
const THIS_YEAR = new Date().getFullYear();

function Select(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ComponentChildren;
}) {
  const id = useId();
  return (
    <div class="filter">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.children}
      </select>
    </div>
  );
}

function YearInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div class="filter">
      <label for={id}>Year</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1870}
        max={THIS_YEAR + 1}
        placeholder="Any"
        value={value}
        onChange={(e) => {
          const v = e.currentTarget.value.trim();
          // The API takes years 1870–2100; anything else would be a 400, so it just clears the filter.
          onChange(/^\d{4}$/.test(v) && Number(v) >= 1870 && Number(v) <= 2100 ? v : '');
        }}
      />
    </div>
  );
}

/** Genre, year, language, age limit and order; each change applies at once (the URL holds them). */
export function Filters({
  filters,
  genres,
  onChange,
}: {
  filters: BrowseFilters;
  genres: GenreView[];
  onChange: (key: keyof BrowseFilters, value: string) => void;
}) {
  return (
    <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <Select label="Genre" value={filters.genre} onChange={(v) => onChange('genre', v)}>
        <option value="">All genres</option>
        {genres.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </Select>
      <YearInput value={filters.year} onChange={(v) => onChange('year', v)} />
      <Select label="Language" value={filters.language} onChange={(v) => onChange('language', v)}>
        <option value="">Any language</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {languageName(l)}
          </option>
        ))}
      </Select>
      <Select label="Suitable for" value={filters.ageRating} onChange={(v) => onChange('ageRating', v)}>
        <option value="">Any age rating</option>
        {AGE_LIMITS.map((r) => (
          <option key={r} value={String(r)}>
            {r === 0 ? 'All ages only' : `Up to ${ageLabel(r)}`}
          </option>
        ))}
      </Select>
      <Select label="Sort by" value={filters.sort} onChange={(v) => onChange('sort', v)}>
        {SORTS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
    </form>
  );
}
