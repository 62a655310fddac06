/**
 * The metadata fields, shared by "New video" and the Details tab: title and description, then who may
 * watch (age rating, visibility, plan, countries, protection), then catalog facts (year, language,
 * director, genres).
 */
import type { GenreView } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import type { Draft } from './details-draft.ts';
import { Field, type FieldErrors } from './forms.tsx';
import { AGE_RATINGS, PLANS, VISIBILITIES } from './status.ts';

type Props = {
  draft: Draft;
  errors: FieldErrors;
  onChange: (patch: Partial<Draft>) => void;
  compact?: boolean;
};

const LANGUAGES = [
  'en',
  'en-US',
  'en-GB',
  'es',
  'fr',
  'de',
  'it',
  'pt-BR',
  'ja',
  'ko',
  'zh-Hans',
  'hi',
  'ar',
];

function useGenres(): GenreView[] {
  const [genres, setGenres] = useState<GenreView[]>([]);
  useEffect(() => {
    api<{ genres: GenreView[] }>('GET', '/api/genres')
      .then((r) => setGenres(r.genres))
      .catch(() => setGenres([]));
  }, []);
  return genres;
}

function BasicFields({ draft, errors, onChange }: Props) {
  return (
    <>
      <Field label="Title" error={errors.title}>
        {(a) => (
          <input
            id={a.id}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            required
            maxLength={200}
            value={draft.title}
            onInput={(e) => onChange({ title: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label="Description" error={errors.description} hint="What viewers read on the title page.">
        {(a) => (
          <textarea
            id={a.id}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            rows={4}
            maxLength={5000}
            value={draft.description}
            onInput={(e) => onChange({ description: e.currentTarget.value })}
          />
        )}
      </Field>
    </>
  );
}

function AudienceFields({ draft, errors, onChange }: Props) {
  const visibility = VISIBILITIES.find((v) => v.value === draft.visibility);
  return (
    <div class="field-grid">
      <Field label="Age rating" error={errors.ageRating}>
        {(a) => (
          <select
            id={a.id}
            aria-describedby={a.describedBy}
            value={draft.ageRating}
            onChange={(e) => {
              const picked = AGE_RATINGS.find((r) => String(r.value) === e.currentTarget.value);
              if (picked) onChange({ ageRating: picked.value });
            }}
          >
            {AGE_RATINGS.map((r) => (
              <option value={r.value}>{r.label}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Visibility" error={errors.visibility} hint={visibility?.hint ?? ''}>
        {(a) => (
          <select
            id={a.id}
            aria-describedby={a.describedBy}
            value={draft.visibility}
            onChange={(e) => {
              const picked = VISIBILITIES.find((v) => v.value === e.currentTarget.value);
              if (picked) onChange({ visibility: picked.value });
            }}
          >
            {VISIBILITIES.map((v) => (
              <option value={v.value}>{v.label}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Minimum plan" error={errors.minimumPlan}>
        {(a) => (
          <select
            id={a.id}
            aria-describedby={a.describedBy}
            value={draft.minimumPlan}
            onChange={(e) => {
              const picked = PLANS.find((p) => p.value === e.currentTarget.value);
              if (picked) onChange({ minimumPlan: picked.value });
            }}
          >
            {PLANS.map((p) => (
              <option value={p.value}>{p.label}</option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Allowed countries"
        error={errors.allowedCountries}
        hint="Two-letter codes such as US, GB, FR. Leave empty for worldwide."
      >
        {(a) => (
          <input
            id={a.id}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            placeholder="Worldwide"
            value={draft.allowedCountries}
            onInput={(e) => onChange({ allowedCountries: e.currentTarget.value })}
          />
        )}
      </Field>
    </div>
  );
}

function ProtectionField({ draft, errors, onChange }: Props) {
  return (
    <div class={`field checkbox${errors.protected ? ' field-invalid' : ''}`}>
      <label>
        <input
          type="checkbox"
          checked={draft.protected}
          onChange={(e) => onChange({ protected: e.currentTarget.checked })}
        />{' '}
        Protect with encryption (AES-128)
      </label>
      <small class="hint">
        Applies when the video is next processed: on upload, or after you replace the file.
      </small>
      {errors.protected && (
        <small class="field-error" role="alert">
          {errors.protected}
        </small>
      )}
    </div>
  );
}

function CatalogFields({ draft, errors, onChange }: Props) {
  return (
    <div class="field-grid">
      <Field label="Release year" error={errors.releaseYear}>
        {(a) => (
          <input
            id={a.id}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            inputMode="numeric"
            placeholder="2026"
            value={draft.releaseYear}
            onInput={(e) => onChange({ releaseYear: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label="Language" error={errors.language} hint="A language tag such as en or pt-BR.">
        {(a) => (
          <>
            <input
              id={a.id}
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              list="studio-languages"
              value={draft.language}
              onInput={(e) => onChange({ language: e.currentTarget.value })}
            />
            <datalist id="studio-languages">
              {LANGUAGES.map((l) => (
                <option value={l} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Director" error={errors.director}>
        {(a) => (
          <input
            id={a.id}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            maxLength={100}
            value={draft.director}
            onInput={(e) => onChange({ director: e.currentTarget.value })}
          />
        )}
      </Field>
    </div>
  );
}

function GenreFields({ draft, errors, onChange }: Props) {
  const genres = useGenres();
  if (genres.length === 0) return null;
  const toggle = (id: string, on: boolean) =>
    onChange({ genres: on ? [...draft.genres, id] : draft.genres.filter((g) => g !== id) });
  return (
    <fieldset class="genres">
      <legend>Genres (up to 10)</legend>
      {genres.map((g) => (
        <label class="chip">
          <input
            type="checkbox"
            checked={draft.genres.includes(g.id)}
            disabled={!draft.genres.includes(g.id) && draft.genres.length >= 10}
            onChange={(e) => toggle(g.id, e.currentTarget.checked)}
          />{' '}
          {g.name}
        </label>
      ))}
      {errors.genres && (
        <small class="field-error" role="alert">
          {errors.genres}
        </small>
      )}
    </fieldset>
  );
}

export function DetailsFields(props: Props) {
  return (
    <>
      <BasicFields {...props} />
      <h3>Audience</h3>
      <AudienceFields {...props} />
      <ProtectionField {...props} />
      {!props.compact && (
        <>
          <h3>Catalog</h3>
          <CatalogFields {...props} />
          <GenreFields {...props} />
        </>
      )}
    </>
  );
}
