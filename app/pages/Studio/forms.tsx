/**
 * Form plumbing shared by the studio's editors: problem+json `errors` mapped onto the fields they name, a
 * labelled field with its error and hint wired through `aria-describedby`, and a save status line.
 */
import type { VideoView } from '@reel/contracts';
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { ApiProblem, api } from '../../lib/api.ts';

/** Error messages by field (`chapters.2.title` → `chapters.2.title`, and its first segment `chapters`). */
export type FieldErrors = Record<string, string>;

/**
 * The field errors of a failed request and a message for everything else. A 400 `validation_failed`
 * lists `{path, message}` (RFC 9457 extension member `errors`); each is kept under its full path and under
 * its top-level field, so a form can show it next to the field or the row it belongs to.
 */
export function problemToErrors(err: unknown): { fields: FieldErrors; message: string } {
  if (!(err instanceof ApiProblem)) return { fields: {}, message: 'Something went wrong. Try again.' };
  const fields: FieldErrors = {};
  const listed = Array.isArray(err.body.errors) ? err.body.errors : [];
  for (const item of listed) {
    if (typeof item !== 'object' || item === null || !('path' in item) || !('message' in item)) continue;
    const { path, message } = item;
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    // Schema messages start in lower case ("must be …"); shown alone under a field they read as a sentence.
    const sentence = message.charAt(0).toUpperCase() + message.slice(1);
    fields[path] ??= sentence;
    fields[path.split('.')[0] ?? path] ??= sentence;
  }
  if (err.code === 'offline')
    return { fields, message: 'You are offline. Check your connection and try again.' };
  const message = listed.length > 0 ? 'Some fields need attention.' : err.detail || 'The request failed.';
  return { fields, message };
}

type FieldProps = {
  label: string;
  error?: string | undefined;
  hint?: string;
  /** Renders the control with the ids it must carry. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
};

/** A label, the control, its hint and its error (announced: `role="alert"` on the message). */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : '';
  const errorId = error ? `${id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <small id={hintId} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={errorId} class="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string };

/** The line next to a Save button: progress, success or what went wrong (a live region). */
export function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saving'
      ? 'Saving…'
      : state.kind === 'saved'
        ? 'Saved'
        : state.kind === 'error'
          ? state.message
          : '';
  return (
    <span class={`save-status ${state.kind}`} role="status" aria-live="polite">
      {text}
    </span>
  );
}

/** What a panel's save step drives: its field errors, its status line, and what to do with the saved video. */
export interface SaveUi {
  setErrors: (errors: FieldErrors) => void;
  setSave: (state: SaveState) => void;
  onSaved: (saved: VideoView) => void;
}

/**
 * Sends a video write (POST to create, PATCH to edit) and reports the outcome to the form: the saved video
 * on success, the problem's field errors (`errors[].path`) and message otherwise. Every studio form saves
 * through this one step.
 */
async function saveVideo(method: 'POST' | 'PATCH', path: string, body: object, ui: SaveUi): Promise<void> {
  ui.setSave({ kind: 'saving' });
  try {
    const { video } = await api<{ video: VideoView }>(method, path, body);
    ui.setErrors({});
    ui.onSaved(video);
    ui.setSave({ kind: 'saved' });
  } catch (err) {
    const { fields, message } = problemToErrors(err);
    ui.setErrors(fields);
    ui.setSave({ kind: 'error', message });
  }
}

export const createVideo = (body: object, ui: SaveUi) => saveVideo('POST', '/api/videos', body, ui);

export const patchVideo = (videoId: string, body: object, ui: SaveUi) =>
  saveVideo('PATCH', `/api/videos/${videoId}`, body, ui);
