import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
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
