/** Adds a subtitle track from an SRT or WebVTT file: language, a label viewers see, the file's text. */
import type { SubtitleTrack } from '@reel/contracts';
import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { Field, type FieldErrors, problemToErrors, type SaveState, SaveStatus } from './forms.tsx';

type Props = { videoId: string; onAdded: (track: SubtitleTrack, retranscoding: boolean) => void };

/** As the API's `SubtitleLanguage`: the tag the transcoder names the rendition by. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const MAX_BYTES = 2 * 1024 * 1024;

/** `pt-BR` → `Portuguese (Brazil)`, in the viewer's language; empty for an unknown tag. */
function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(tag) ?? '';
  } catch {
    return '';
  }
}

/** By extension, else by the `WEBVTT` signature WebVTT files must start with. */
function formatOf(file: File, text: string): 'srt' | 'vtt' {
  const name = file.name.toLowerCase();
  if (name.endsWith('.vtt')) return 'vtt';
  if (name.endsWith('.srt')) return 'srt';
  return text.replace(/^\uFEFF/, '').startsWith('WEBVTT') ? 'vtt' : 'srt';
}

function checkForm(file: File | null, language: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!file) errors.text = 'Choose an SRT or WebVTT file';
  else if (file.size > MAX_BYTES) errors.text = 'Subtitle files can be at most 2 MB';
  if (!LANGUAGE.test(language)) errors.language = 'Use a language tag such as en, fr or pt-BR';
  return errors;
}

export function SubtitleForm({ videoId, onAdded }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [language, setLanguage] = useState('');
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const suggested = LANGUAGE.test(language) ? languageName(language) : '';

  const submit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const found = checkForm(file, language);
    if (!file || Object.keys(found).length > 0) {
      setErrors(found);
      setSave({ kind: 'error', message: 'Some fields need attention.' });
      return;
    }
    setSave({ kind: 'saving' });
    try {
      const text = await file.text();
      const body = {
        language,
        label: label.trim() || suggested || language,
        format: formatOf(file, text),
        text,
      };
      const out = await api<{ track: SubtitleTrack; retranscoding: boolean }>(
        'POST',
        `/api/videos/${videoId}/subtitles`,
        body,
      );
      setErrors({});
      setSave({ kind: 'saved' });
      setFile(null);
      setLanguage('');
      setLabel('');
      form.reset();
      onAdded(out.track, out.retranscoding);
    } catch (err) {
      const { fields, message } = problemToErrors(err);
      // `invalid_subtitles` names the line in its detail ("Line 12: …"): it belongs to the file.
      setErrors(Object.keys(fields).length > 0 ? fields : { text: message });
      setSave({ kind: 'error', message });
    }
  };

  return (
    <form class="studio-form subtitle-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Add subtitles</h3>
      <div class="field-grid">
        <Field label="Subtitle file (SRT or WebVTT)" error={errors.text}>
          {(a) => (
            <input
              id={a.id}
              type="file"
              accept=".srt,.vtt,text/vtt,application/x-subrip"
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              onChange={(ev) => setFile(ev.currentTarget.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Field label="Language" error={errors.language} hint="A tag such as en, fr or pt-BR.">
          {(a) => (
            <input
              id={a.id}
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              value={language}
              onInput={(ev) => setLanguage(ev.currentTarget.value.trim())}
            />
          )}
        </Field>
        <Field label="Label" error={errors.label} hint="What viewers see in the subtitles menu.">
          {(a) => (
            <input
              id={a.id}
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              maxLength={100}
              placeholder={suggested || 'English'}
              value={label}
              onInput={(ev) => setLabel(ev.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.kind === 'saving'}>
          Add subtitles
        </button>
        <SaveStatus state={save} />
      </div>
    </form>
  );
}
