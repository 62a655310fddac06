import type { AuthResult } from '@reel/contracts';
import { Field } from '../../components/Field.tsx';
import { ApiProblem, api, fieldErrorsOf, problemMessage } from '../../lib/api.ts';
import { nextPath } from '../../lib/next.ts';
import { navigate, type PageProps } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { AuthShell, type FormErrors, FormProblem, useAuthForm, withNext } from './AuthShell.tsx';

/** The errors of a refused sign-up, by field; a taken email is the email field's problem. */
function errorsOf(err: unknown): FormErrors {
  if (err instanceof ApiProblem && err.code === 'email_taken') {
    return {
      fields: { email: 'An account with this email already exists.' },
      message: 'That email is taken.',
    };
  }
  const fields = fieldErrorsOf(err);
  const message = Object.keys(fields).length ? 'Check the fields marked below.' : problemMessage(err);
  return { fields, message };
}

/** `/signup`: a new account with its first profile, signed in at once; then back to `?next=`. */
export default function SignUp({ query }: PageProps) {
  const { refresh } = useSession();
  const next = nextPath(query);
  const { fields, problem, busy, onSubmit } = useAuthForm(async (form) => {
    await api<AuthResult>('POST', '/api/auth/signup', {
      displayName: form.get('displayName'),
      email: form.get('email'),
      password: form.get('password'),
    });
    await refresh();
    navigate(next, { replace: true });
  }, errorsOf);
  return (
    <AuthShell title="Create your account">
      <form class="auth-form" onSubmit={onSubmit} noValidate>
        <FormProblem message={problem} />
        <Field label="Your name" error={fields.displayName}>
          {(c) => <input {...c} name="displayName" autocomplete="name" required />}
        </Field>
        <Field label="Email" error={fields.email}>
          {(c) => <input {...c} name="email" type="email" autocomplete="email" required />}
        </Field>
        <Field label="Password" error={fields.password} hint="At least 10 characters.">
          {(c) => (
            <input
              {...c}
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
            />
          )}
        </Field>
        <button type="submit" class="button primary large block" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p class="auth-switch">
        Already have an account? <a href={withNext('/signin', next)}>Sign in</a>
      </p>
    </AuthShell>
  );
}
