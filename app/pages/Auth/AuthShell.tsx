import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './auth.css';

/** The centred card both auth pages sit in, over the brand's backdrop. */
export function AuthShell({ title, children }: { title: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · Reel`;
  }, [title]);
  return (
    <div class="auth-page">
      <div class="auth-card">
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}

/** The form-level problem, announced when it appears. */
export function FormProblem({ message }: { message: string | null }) {
  return (
    <p class="form-problem" role="alert">
      {message}
    </p>
  );
}

/** What a refused submission shows: messages under fields by name, and one for the whole form. */
export type FormErrors = { fields: Record<string, string>; message: string };

/**
 * The state both auth forms share: field errors, the form-level problem, and `busy` while `submit` runs.
 * A successful submit stays busy: the page navigates away.
 */
export function useAuthForm(
  submit: (form: FormData) => Promise<void>,
  errorsOf: (err: unknown) => FormErrors,
) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setProblem(null);
    try {
      await submit(form);
    } catch (err) {
      const errors = errorsOf(err);
      setFields(errors.fields);
      setProblem(errors.message);
      setBusy(false);
    }
  };
  return { fields, problem, busy, onSubmit };
}

/** `path` with `?next=` unless the way back is the home page. */
export const withNext = (path: string, next: string) =>
  `${path}${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`;
