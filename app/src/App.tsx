import { Layout } from '../components/Layout.tsx';
import { type PageProps, type Route, Router, useLocation } from '../lib/router.tsx';
import { SessionProvider } from '../lib/session.tsx';

/** Every page, loaded lazily; the embed page renders without the app's chrome. */
const ROUTES: Route[] = [
  { pattern: '/', load: () => import('../pages/Home/index.tsx') },
  { pattern: '/browse', load: () => import('../pages/Browse/index.tsx') },
  { pattern: '/search', load: () => import('../pages/Search/index.tsx') },
  { pattern: '/title/:id', load: () => import('../pages/Title/index.tsx') },
  { pattern: '/series/:id', load: () => import('../pages/Series/index.tsx') },
  { pattern: '/watch/:id', load: () => import('../pages/Watch/index.tsx') },
  { pattern: '/profiles', load: () => import('../pages/Profiles/index.tsx') },
  { pattern: '/signin', load: () => import('../pages/Auth/SignIn.tsx') },
  { pattern: '/signup', load: () => import('../pages/Auth/SignUp.tsx') },
  { pattern: '/account', load: () => import('../pages/Account/index.tsx') },
  { pattern: '/studio', load: () => import('../pages/Studio/index.tsx') },
  // Before /studio/:id, which would otherwise take `qoe` for a video id.
  { pattern: '/studio/qoe', load: () => import('../pages/Qoe/index.tsx') },
  { pattern: '/studio/:id', load: () => import('../pages/Studio/Video.tsx') },
];
const EMBED: Route[] = [{ pattern: '/embed/:id', load: () => import('../pages/Embed/index.tsx') }];

function NotFound(_: PageProps) {
  return (
    <section class="empty">
      <h1>Page not found</h1>
      <p>
        <a href="/">Back to Reel</a>
      </p>
    </section>
  );
}

export function App() {
  const { path } = useLocation();
  if (path.startsWith('/embed/')) return <Router routes={EMBED} fallback={NotFound} />;
  return (
    <SessionProvider>
      <Layout>
        <Router routes={ROUTES} fallback={NotFound} />
      </Layout>
    </SessionProvider>
  );
}
