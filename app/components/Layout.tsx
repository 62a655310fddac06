import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { ProfileMenu } from './ProfileMenu.tsx';
import { SearchBox } from './SearchBox.tsx';

/** The header turns solid once the page scrolls, so it never covers a title's artwork at the top. */
function useScrolled(): boolean {
  const [scrolled, setScrolled] = useState(false);
  useEffect(() => {
    const update = () => setScrolled(window.scrollY > 8);
    update();
    window.addEventListener('scroll', update, { passive: true });
    return () => window.removeEventListener('scroll', update);
  }, []);
  return scrolled;
}

function NavLink({ href, children }: { href: string; children: ComponentChildren }) {
  const { path } = useLocation();
  const current = href === '/' ? path === '/' : path.startsWith(href);
  return (
    <a href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

/** The chrome around every page but the embed: brand, navigation, search, the profile menu. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { me } = useSession();
  const { path, query } = useLocation();
  // Sign-in comes back to this very page, filters and search included.
  const here = query.size ? `${path}?${query}` : path;
  const scrolled = useScrolled();
  const signInHref =
    path === '/signin' || path === '/signup' ? '/signin' : `/signin?next=${encodeURIComponent(here)}`;
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class={`topbar${scrolled ? ' scrolled' : ''}`}>
        <a href="/" class="brand" aria-label="Reel home">
          Reel
        </a>
        <nav aria-label="Main">
          <NavLink href="/">Home</NavLink>
          <NavLink href="/browse">Browse</NavLink>
          {/* Every account may upload (the API lets any signed-in user create videos). */}
          {me && <NavLink href="/studio">Studio</NavLink>}
        </nav>
        <SearchBox />
        <div class="account">
          {me === null && (
            <a class="button primary small" href={signInHref}>
              Sign in
            </a>
          )}
          {me && <ProfileMenu me={me} />}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
