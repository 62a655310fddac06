/**
 * Why the media worker refused a URL: its problem+json `code` (docs/PLAYBACK.md "Failure codes"), or null
 * when the URL answers fine now or cannot be reached. hls.js keeps only the status of a failed load, so the
 * player asks again; media URLs carry their credential in the path, never cookies.
 */
export async function refusalCodeOf(url: string): Promise<string | null> {
  if (!url) return null;
  try {
    const res = await fetch(url, { credentials: 'omit', cache: 'no-store' });
    if (res.ok) {
      await res.body?.cancel();
      return null;
    }
    const body: unknown = await res.json();
    const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? code : `http_${res.status}`;
  } catch {
    return navigator.onLine ? null : 'offline';
  }
}
