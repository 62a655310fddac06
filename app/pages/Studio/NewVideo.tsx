/** "New video": the essentials of a draft (POST /api/videos), then on to its page to upload the file. */
import { useState } from 'preact/hooks';
import { navigate } from '../../lib/router.tsx';
import { DetailsFields } from './DetailsFields.tsx';
import { bodyOf, createBodyOf, type Draft, EMPTY_DRAFT } from './details-draft.ts';
import { createVideo, type FieldErrors, type SaveState, SaveStatus } from './forms.tsx';

export function NewVideo({ onCancel }: { onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });

  const submit = async (e: Event) => {
    e.preventDefault();
    const built = bodyOf(draft);
    if (!built.ok) {
      setErrors(built.errors);
      setSave({ kind: 'error', message: 'Some fields need attention.' });
      return;
    }
    await createVideo(createBodyOf(built.body), {
      setErrors,
      setSave,
      onSaved: (video) => navigate(`/studio/${video.id}`),
    });
  };

  return (
    <section class="new-video" aria-labelledby="new-video-heading">
      <h2 id="new-video-heading">New video</h2>
      <p class="hint">Start with the essentials; you upload the file next and can change everything later.</p>
      <form class="studio-form" onSubmit={(e) => void submit(e)} noValidate>
        <DetailsFields draft={draft} errors={errors} onChange={(p) => setDraft({ ...draft, ...p })} compact />
        <div class="actions">
          <button type="submit" class="primary" disabled={save.kind === 'saving'}>
            Create and upload
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <SaveStatus state={save} />
        </div>
      </form>
    </section>
  );
}
