import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** The attributes that tie a control to its label, hint and error. */
export type FieldControl = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true' };

/**
 * A label and a control with its hint and error tied to it (`aria-describedby`, `aria-invalid`), so a
 * screen reader reads what is wrong when the field gets focus. The control is rendered by the caller.
 * @example <Field label="Email" error={errors.email}>{(c) => <input {...c} type="email" name="email" />}</Field>
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (control: FieldControl) => ComponentChildren;
}) {
  const id = useId();
  // The error replaces the hint: it says the same thing, about what was actually typed.
  const shownHint = error ? undefined : hint;
  const described = [shownHint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const control: FieldControl = { id };
  if (described) control['aria-describedby'] = described;
  if (error) control['aria-invalid'] = 'true';
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children(control)}
      {shownHint && (
        <small id={`${id}-hint`} class="hint">
          {shownHint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error">
          {error.charAt(0).toUpperCase() + error.slice(1)}
        </small>
      )}
    </div>
  );
}
