import type { AuthResult, Me } from '@reel/contracts';
import { Field } from '../../components/Field.tsx';
import { ApiProblem, api, fieldErrorsOf, problemMessage } from '../../lib/api.ts';
import { nextPath } from '../../lib/next.ts';
import { navigate, type PageProps } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { AuthShell, type FormErrors, FormProblem, useAuthForm, withNext } from './AuthShell.tsx';

function errorsOf(err: unknown): FormErrors {
  const fields = fieldErrorsOf(err);
  if (err instanceof ApiProblem && err.code === 'invalid_credentials')
    return { fields, message: 'That email and password don’t match an account. Check them and try again.' };
  if (err instanceof ApiProblem && err.code === 'validation_failed')
    return { fields, message: 'Check the fields marked below.' };
  return { fields, message: problemMessage(err) };
}

/** `/signin`: email and password; afterwards back to `?next=` (or the profile picker first, if needed). */
export default function SignIn({ query }: PageProps) {
  const { refresh } = useSession();
  const next = nextPath(query);
  const { fields, problem, busy, onSubmit } = useAuthForm(async (form) => {
    await api<AuthResult>('POST', '/api/auth/login', {
      email: form.get('email'),
      password: form.get('password'),
    });
    await refresh();
    // With several profiles the session has none yet: "Who's watching?" comes first.
    const me = await api<Me>('GET', '/api/auth/me');
    navigate(me.profile ? next : `/profiles?next=${encodeURIComponent(next)}`, { replace: true });
  }, errorsOf);
  return (
    <AuthShell title="Sign in">
      <form class="auth-form" onSubmit={onSubmit} noValidate>
        <FormProblem message={problem} />
        <Field label="Email" error={fields.email}>
          {(c) => <input {...c} name="email" type="email" autocomplete="email" required />}
        </Field>
        <Field label="Password" error={fields.password}>
          {(c) => <input {...c} name="password" type="password" autocomplete="current-password" required />}
        </Field>
        <button type="submit" class="button primary large block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="auth-switch">
        New to Reel? <a href={withNext('/signup', next)}>Create an account</a>
      </p>
    </AuthShell>
  );
}
