import { Link } from '../../lib/router.tsx';

/** Studio pages need an account; anyone signed in may publish (their first video opens their channel). */
export function SignInFirst() {
  return (
    <section class="studio empty">
      <h1>Reel Studio</h1>
      <p>Sign in to upload and manage your videos.</p>
      <p class="actions">
        <Link href="/signin?next=/studio" class="button primary">
          Sign in
        </Link>
        <Link href="/signup?next=/studio" class="button">
          Create an account
        </Link>
      </p>
    </section>
  );
}
