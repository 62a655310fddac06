/**
 * The metadata form's editable copy of a video (strings as typed) and its conversion to the body of
 * `POST /api/videos` or `PATCH /api/videos/{id}`. Checks here only catch typos early; the API's
 * `validation_failed` errors are still shown next to the same fields.
 */
import type { AgeRating, VideoPatch, VideoView } from '@reel/contracts';
import type { FieldErrors } from './forms.tsx';
import { PLANS } from './status.ts';

export type Draft = {
  title: string;
  description: string;
  releaseYear: string;
  language: string;
  director: string;
  ageRating: AgeRating;
  visibility: 'public' | 'unlisted' | 'private';
  minimumPlan: NonNullable<VideoPatch['minimumPlan']>;
  protected: boolean;
  allowedCountries: string;
  genres: string[];
};

export const EMPTY_DRAFT: Draft = {
  title: '',
  description: '',
  releaseYear: '',
  language: '',
  director: '',
  ageRating: 0,
  visibility: 'private',
  minimumPlan: 'free',
  protected: false,
  allowedCountries: '',
  genres: [],
};

export function draftOf(video: VideoView): Draft {
  // The view types the plan as a string (plans live in the database); the form offers the known ones.
  const plan = PLANS.find((p) => p.value === video.minimumPlan)?.value ?? 'free';
  return {
    title: video.title,
    description: video.description,
    releaseYear: video.releaseYear === null ? '' : String(video.releaseYear),
    language: video.language ?? '',
    director: video.director ?? '',
    ageRating: video.ageRating,
    visibility: video.visibility,
    minimumPlan: plan,
    protected: video.protected,
    allowedCountries: video.allowedCountries.join(', '),
    genres: video.genres.map((g) => g.id),
  };
}

/** `us, gb fr` → `['US', 'GB', 'FR']`, or the first entry that is not an ISO 3166-1 alpha-2 code. */
export function parseCountries(text: string): { ok: true; codes: string[] } | { ok: false; message: string } {
  const codes = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());
  const bad = codes.find((c) => !/^[A-Z]{2}$/.test(c));
  if (bad) return { ok: false, message: `“${bad}” is not a two-letter country code (such as US, GB or FR)` };
  return { ok: true, codes: [...new Set(codes)] };
}

/** The request body, or the fields to fix first. Empty optional fields clear the value (`null`). */
export function bodyOf(d: Draft): { ok: true; body: VideoPatch } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!d.title.trim()) errors.title = 'Give the video a title';
  const year = d.releaseYear.trim() === '' ? null : Number(d.releaseYear);
  if (year !== null && !(Number.isInteger(year) && year >= 1870 && year <= 2100)) {
    errors.releaseYear = 'Use a year between 1870 and 2100';
  }
  const countries = parseCountries(d.allowedCountries);
  if (!countries.ok) errors.allowedCountries = countries.message;
  if (Object.keys(errors).length > 0 || !countries.ok) return { ok: false, errors };
  const body: VideoPatch = {
    title: d.title.trim(),
    description: d.description,
    releaseYear: year,
    language: d.language.trim() || null,
    director: d.director.trim() || null,
    ageRating: d.ageRating,
    visibility: d.visibility,
    minimumPlan: d.minimumPlan,
    protected: d.protected,
    allowedCountries: countries.codes,
    genres: d.genres,
  };
  return { ok: true, body };
}

/** `POST /api/videos` takes the same fields but no `null`s: leave the empty ones out. */
export function createBodyOf(body: VideoPatch): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
}
