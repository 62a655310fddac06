/**
 * A small client router: history API navigation, `<Link>` for in-app links, and route patterns with
 * `:params`. Pages are loaded lazily so the first load carries only the shell (issue 5: initial JS size).
 */
import type { AnchorHTMLAttributes, ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();
const notify = () => {
  for (const l of listeners) l();
};
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

/** Goes to an in-app path; `replace` keeps the history entry (redirects). */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/** The current path and query, re-rendering on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/**
 * In-app links are plain `<a href>` (middle-click, copy link and keyboard activation work as on any page);
 * one document-level listener turns same-origin clicks into history navigation instead of a reload.
 */
function interceptLinks(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target instanceof Element ? e.target.closest('a') : null;
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  // The API, media and docs are not app pages: let the browser load them.
  if (/^\/(api|v)\//.test(a.pathname)) return;
  // A jump within this page (the skip link, #anchors): the browser scrolls and moves focus itself.
  if (a.hash && a.pathname === location.pathname && a.search === location.search) return;
  e.preventDefault();
  navigate(a.pathname + a.search + a.hash);
}
if (typeof document !== 'undefined') document.addEventListener('click', interceptLinks);

/** An in-app link (kept as a component so pages read as the app's own links). */
export function Link(
  props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren },
) {
  return <a {...props} />;
}

/** Matches `/watch/:id` against a path; the params, or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

export type PageProps = { params: Record<string, string>; query: URLSearchParams };
export type Route = { pattern: string; load: () => Promise<{ default: ComponentType<PageProps> }> };

/** Renders the first route that matches, loading its module on first use. */
export function Router({ routes, fallback }: { routes: Route[]; fallback: ComponentType<PageProps> }) {
  const { path, query } = useLocation();
  const match = routes.map((r) => ({ r, params: matchRoute(r.pattern, path) })).find((m) => m.params);
  const [loaded, setLoaded] = useState<{ pattern: string; Page: ComponentType<PageProps> } | null>(null);
  useEffect(() => {
    if (!match) return;
    let live = true;
    match.r.load().then((m) => live && setLoaded({ pattern: match.r.pattern, Page: m.default }));
    return () => {
      live = false;
    };
  }, [match?.r.pattern]);
  if (!match) {
    const Fallback = fallback;
    return <Fallback params={{}} query={query} />;
  }
  if (loaded?.pattern !== match.r.pattern)
    return (
      <p class="loading" aria-live="polite">
        Loading…
      </p>
    );
  return <loaded.Page params={match.params ?? {}} query={query} />;
}
