/**
 * The "Chapters & markers" tab: where the intro starts and ends and the credits start (the player's
 * "Skip intro" and "Skip credits"), and the chapters shown on the seek bar. Times are `m:ss`.
 */
import type { VideoView } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { formatClock } from './format.ts';
import {
  type ChapterRow,
  type MarkersDraft,
  markersBodyOf,
  markersDraftOf,
  newRow,
  sortRows,
} from './chapters-draft.ts';
import { Field, type FieldErrors, patchVideo, type SaveState, SaveStatus } from './forms.tsx';

type Props = { video: VideoView; onSaved: (video: VideoView) => void };

function ClockInput(props: {
  label: string;
  value: string;
  error?: string | undefined;
  onInput: (v: string) => void;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(a) => (
        <input
          id={a.id}
          class="clock"
          aria-describedby={a.describedBy}
          aria-invalid={a.invalid}
          placeholder="m:ss"
          inputMode="numeric"
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

type RowProps = {
  row: ChapterRow;
  index: number;
  errors: FieldErrors;
  onChange: (row: ChapterRow | null) => void;
};

function ChapterEditor({ row, index, errors, onChange }: RowProps) {
  const n = index + 1;
  return (
    <li class="chapter-row" data-testid="chapter-row">
      <ClockInput
        label={`Chapter ${n} starts at`}
        value={row.start}
        error={errors[`chapters.${index}.startS`]}
        onInput={(start) => onChange({ ...row, start })}
      />
      <Field label={`Chapter ${n} title`} error={errors[`chapters.${index}.title`]}>
        {(a) => (
          <input
            id={a.id}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            maxLength={200}
            value={row.title}
            onInput={(e) => onChange({ ...row, title: e.currentTarget.value })}
          />
        )}
      </Field>
      <button type="button" class="quiet" aria-label={`Remove chapter ${n}`} onClick={() => onChange(null)}>
        Remove
      </button>
    </li>
  );
}

function MarkerFields(props: {
  draft: MarkersDraft;
  errors: FieldErrors;
  set: (p: Partial<MarkersDraft>) => void;
}) {
  const { draft, errors, set } = props;
  return (
    <fieldset class="field-grid">
      <legend>Intro and credits</legend>
      <ClockInput
        label="Intro starts at"
        value={draft.introStart}
        error={errors.introStartS}
        onInput={(v) => set({ introStart: v })}
      />
      <ClockInput
        label="Intro ends at"
        value={draft.introEnd}
        error={errors.introEndS}
        onInput={(v) => set({ introEnd: v })}
      />
      <ClockInput
        label="Credits start at"
        value={draft.creditsStart}
        error={errors.creditsStartS}
        onInput={(v) => set({ creditsStart: v })}
      />
    </fieldset>
  );
}

function useMarkersSave(video: VideoView, onSaved: Props['onSaved']) {
  const [draft, setDraft] = useState<MarkersDraft>(() => markersDraftOf(video));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  useEffect(() => setDraft(markersDraftOf(video)), [video.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    // Sorted first, so error paths such as `chapters.2.title` name the rows as they are shown.
    const sorted = { ...draft, chapters: sortRows(draft.chapters) };
    setDraft(sorted);
    const built = markersBodyOf(sorted, video.durationS);
    if (!built.ok) {
      setErrors(built.errors);
      setSave({ kind: 'error', message: 'Some times need attention.' });
      return;
    }
    await patchVideo(video.id, built.body, {
      setErrors,
      setSave,
      onSaved: (saved) => {
        setDraft(markersDraftOf(saved));
        onSaved(saved);
      },
    });
  };
  return { draft, setDraft, errors, save, submit };
}

export function ChaptersPanel({ video, onSaved }: Props) {
  const { draft, setDraft, errors, save, submit } = useMarkersSave(video, onSaved);
  const set = (p: Partial<MarkersDraft>) => setDraft({ ...draft, ...p });
  const setRow = (key: number, row: ChapterRow | null) =>
    set({ chapters: draft.chapters.flatMap((r) => (r.key !== key ? [r] : row ? [row] : [])) });
  const length =
    video.durationS === null
      ? 'The video length is known once it is processed.'
      : `The video is ${formatClock(video.durationS)} long.`;
  return (
    <div class="panel-body">
      <form class="studio-form" onSubmit={(e) => void submit(e)} noValidate>
        <p class="hint">Times are minutes and seconds, such as 1:30. {length}</p>
        <MarkerFields draft={draft} errors={errors} set={set} />
        <fieldset>
          <legend>Chapters</legend>
          {draft.chapters.length === 0 && (
            <p class="hint">No chapters yet. The first one usually starts at 0:00.</p>
          )}
          <ol class="chapters">
            {draft.chapters.map((row, i) => (
              <ChapterEditor
                key={row.key}
                row={row}
                index={i}
                errors={errors}
                onChange={(r) => setRow(row.key, r)}
              />
            ))}
          </ol>
          {errors.chapters && !Object.keys(errors).some((k) => k.startsWith('chapters.')) && (
            <p class="field-error" role="alert">
              {errors.chapters}
            </p>
          )}
          <button
            type="button"
            onClick={() =>
              set({ chapters: [...draft.chapters, newRow(draft.chapters.length === 0 ? '0:00' : '')] })
            }
          >
            Add chapter
          </button>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled={save.kind === 'saving'}>
            Save chapters and markers
          </button>
          <SaveStatus state={save} />
        </div>
      </form>
    </div>
  );
}
