/**
 * Where to go after signing in: the `next` query parameter when it is a path of this app, else home.
 * Anything else (`//evil.example`, `https://…`, `javascript:`) is ignored, so a crafted link cannot send
 * someone off-site after they typed their password.
 */
export function nextPath(query: URLSearchParams, fallback = '/'): string {
  const next = query.get('next') ?? '';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
