/**
 * Conditional requests (RFC 9110 §13) against a representation's validators.
 */

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** The entity-tags of a list header; `*` is reported separately. etagc may contain commas, so no split. */
function entityTags(header: string): string[] {
  return header.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

/**
 * Whether a GET/HEAD can be answered 304 (§13.2.2 steps 3 and 4): If-None-Match by weak comparison
 * (§8.8.3.2, `*` matches any current representation, §13.1.2), else If-Modified-Since against
 * Last-Modified (§13.1.3), which is ignored when If-None-Match is present.
 */
export function isNotModified(headers: Headers, v: Validators): boolean {
  const inm = headers.get('if-none-match');
  if (inm !== null) {
    if (inm.trim() === '*') return true;
    const current = v.etag;
    return current !== null && entityTags(inm).some((tag) => opaque(tag) === opaque(current));
  }
  const ims = headers.get('if-modified-since');
  if (ims === null || v.lastModified === null) return false;
  const since = Date.parse(ims);
  const modified = Date.parse(v.lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/**
 * Whether the Range of a request still applies (§13.1.5): without If-Range, yes; with an entity-tag, only
 * on a STRONG match (weak tags never match); with a date, only when it equals Last-Modified exactly.
 */
export function rangeStillApplies(headers: Headers, v: Validators): boolean {
  const ifRange = headers.get('if-range');
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) {
    return v.etag !== null && !value.startsWith('W/') && !v.etag.startsWith('W/') && value === v.etag;
  }
  if (v.lastModified === null) return false;
  const date = Date.parse(value);
  return Number.isFinite(date) && date === Date.parse(v.lastModified);
}
