/**
 * The "Embedding" tab: the code to put the player on another site, and which sites may frame it
 * (`embedOrigins`: the media page's `frame-ancestors`; empty means any site for public and unlisted
 * videos, and private videos are never embeddable).
 */
import type { VideoView } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { Field, type FieldErrors, patchVideo, type SaveState, SaveStatus } from './forms.tsx';

type Props = { video: VideoView; onSaved: (video: VideoView) => void };

/** `https://example.com/page` → the origin `https://example.com`, or why it cannot be one. */
export function toOrigin(text: string): { ok: true; origin: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text.trim().includes('://') ? text.trim() : `https://${text.trim()}`);
  } catch {
    return { ok: false, message: 'Enter a site address such as https://example.com' };
  }
  if (url.protocol !== 'https:') return { ok: false, message: 'Only https sites can embed Reel videos' };
  return { ok: true, origin: url.origin };
}

function EmbedCode({ video }: { video: VideoView }) {
  const [copied, setCopied] = useState(false);
  const code = `<iframe src="${location.origin}/embed/${video.id}" width="640" height="360" title="${video.title.replace(/"/g, '&quot;')}" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>`;
  const copy = () =>
    navigator.clipboard.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  if (video.visibility === 'private') {
    return (
      <p class="hint">Private videos cannot be embedded. Make it public or unlisted in Details first.</p>
    );
  }
  return (
    <Field label="Embed code" hint={copied ? 'Copied to the clipboard.' : 'Paste this into your page.'}>
      {(a) => (
        <div class="embed-code">
          <textarea id={a.id} aria-describedby={a.describedBy} readOnly rows={3} value={code} />
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
        </div>
      )}
    </Field>
  );
}

export function EmbedPanel({ video, onSaved }: Props) {
  const [origins, setOrigins] = useState<string[]>(video.embedOrigins);
  const [adding, setAdding] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  useEffect(() => setOrigins(video.embedOrigins), [video.id]);

  const add = (e: Event) => {
    e.preventDefault();
    const parsed = toOrigin(adding);
    if (!parsed.ok) return setErrors({ adding: parsed.message });
    if (origins.includes(parsed.origin)) return setErrors({ adding: `${parsed.origin} is already listed` });
    setOrigins([...origins, parsed.origin]);
    setAdding('');
    setErrors({});
  };
  const persist = () =>
    patchVideo(
      video.id,
      { embedOrigins: origins },
      {
        setErrors,
        setSave,
        onSaved: (saved) => {
          setOrigins(saved.embedOrigins);
          onSaved(saved);
        },
      },
    );

  return (
    <div class="panel-body">
      <EmbedCode video={video} />
      <h3>Sites allowed to embed</h3>
      <p class="hint">
        {origins.length === 0 ? 'Any site may embed this video.' : 'Only these sites may embed this video.'}
      </p>
      <ul class="origin-list">
        {origins.map((o, i) => (
          <li key={o} data-testid="embed-origin">
            <code>{o}</code>
            <button
              type="button"
              class="quiet"
              aria-label={`Remove ${o}`}
              onClick={() => setOrigins(origins.filter((x) => x !== o))}
            >
              Remove
            </button>
            {errors[`embedOrigins.${i}`] && <small class="field-error">{errors[`embedOrigins.${i}`]}</small>}
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={add}>
        <Field
          label="Add a site"
          error={errors.adding ?? errors.embedOrigins}
          hint="Such as https://example.com"
        >
          {(a) => (
            <input
              id={a.id}
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              value={adding}
              onInput={(e) => setAdding(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit">Add site</button>
      </form>
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={save.kind === 'saving'}
          onClick={() => void persist()}
        >
          Save embedding
        </button>
        <SaveStatus state={save} />
      </div>
    </div>
  );
}
