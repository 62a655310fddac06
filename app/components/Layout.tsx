import type { ComponentChildren } from 'preact';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';

/** The chrome around every page but the embed: brand, navigation, search, the profile menu. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { me } = useSession();
  return (
    <div class="app">
      <header class="topbar">
        <Link href="/" class="brand" aria-label="Reel home">
          Reel
        </Link>
        <nav aria-label="Main">
          <Link href="/">Home</Link>
          <Link href="/browse">Browse</Link>
          {me && me.user.role !== 'viewer' && <Link href="/studio">Studio</Link>}
        </nav>
        <search class="search">
          <form action="/search">
            <input type="search" name="q" placeholder="Search titles" aria-label="Search titles" />
          </form>
        </search>
        <div class="account">
          {me === null && <Link href="/signin">Sign in</Link>}
          {me && (
            <Link href="/account" aria-label={`Account: ${me.profile?.name ?? me.user.displayName}`}>
              {me.profile?.name ?? me.user.displayName}
            </Link>
          )}
        </div>
      </header>
      <main id="main">{children}</main>
    </div>
  );
}
