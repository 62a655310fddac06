/** The "Details" tab: edit a video's metadata (PATCH /api/videos/{id}) or delete the video. */
import type { VideoView } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { navigate } from '../../lib/router.tsx';
import { DetailsFields } from './DetailsFields.tsx';
import { bodyOf, type Draft, draftOf } from './details-draft.ts';
import { type FieldErrors, patchVideo, problemToErrors, type SaveState, SaveStatus } from './forms.tsx';

type Props = { video: VideoView; onSaved: (video: VideoView) => void };

function DeleteVideo({ video }: { video: VideoView }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState('');
  const remove = async () => {
    try {
      await api('DELETE', `/api/videos/${video.id}`);
      navigate('/studio');
    } catch (err) {
      setError(problemToErrors(err).message);
    }
  };
  return (
    <section class="danger-zone" aria-labelledby="delete-heading">
      <h3 id="delete-heading">Delete this video</h3>
      {!asking ? (
        <button type="button" class="danger" onClick={() => setAsking(true)}>
          Delete video…
        </button>
      ) : (
        <div class="actions">
          <span>“{video.title}” disappears for viewers at once. This cannot be undone.</span>
          <button type="button" class="danger" onClick={() => void remove()}>
            Delete for good
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Keep it
          </button>
        </div>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

export function DetailsPanel({ video, onSaved }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(video));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  // Polls refresh `video` every few seconds; only another video resets what is being typed.
  useEffect(() => setDraft(draftOf(video)), [video.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const built = bodyOf(draft);
    if (!built.ok) {
      setErrors(built.errors);
      setSave({ kind: 'error', message: 'Some fields need attention.' });
      return;
    }
    await patchVideo(video.id, built.body, {
      setErrors,
      setSave,
      onSaved: (saved) => {
        setDraft(draftOf(saved));
        onSaved(saved);
      },
    });
  };

  return (
    <div class="panel-body">
      <form class="studio-form" onSubmit={(e) => void submit(e)} noValidate>
        <DetailsFields draft={draft} errors={errors} onChange={(p) => setDraft({ ...draft, ...p })} />
        <div class="actions sticky-actions">
          <button type="submit" class="primary" disabled={save.kind === 'saving'}>
            Save details
          </button>
          <SaveStatus state={save} />
        </div>
      </form>
      <DeleteVideo video={video} />
    </div>
  );
}
