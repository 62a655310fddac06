/** What a `Range` header asks of a representation of `size` bytes (RFC 9110 §14). */
export type RangeRequest =
  /** No usable Range: absent, another unit, malformed or invalid, or several ranges: answer 200. */
  | { kind: 'full' }
  /** Answer 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' }
  /** Answer 206 for bytes `start`..`end` inclusive. */
  | { kind: 'partial'; start: number; end: number };

const FULL: RangeRequest = { kind: 'full' };
const UNSATISFIABLE: RangeRequest = { kind: 'unsatisfiable' };

/**
 * Evaluates a `Range` header against a representation of `size` bytes.
 *
 * - Only the `bytes` unit, case-insensitively (§14.1); any other unit is ignored (§14.2).
 * - One `int-range` (`a-b`, `a-`) or `suffix-range` (`-n`) (§14.1.2); a last-pos past the end is clipped.
 * - A first-pos at or past the end, or a zero suffix, is unsatisfiable (§14.1.1, §15.5.17).
 * - Several ranges are answered with the whole representation, as §14.2 allows, rather than multipart.
 * - An invalid ranges-specifier (`b < a`, junk) is ignored (§14.2 "MAY ignore").
 * @example evaluateRange('bytes=-500', 10_000) // { kind: 'partial', start: 9500, end: 9999 }
 */
export function evaluateRange(header: string | null, size: number): RangeRequest {
  if (header === null) return FULL;
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return FULL;
  // A list may contain empty elements (RFC 9110 §5.6.1).
  const specs = header
    .slice(eq + 1)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (specs.length !== 1 || specs[0] === undefined) return FULL;
  return evaluateSpec(specs[0], size);
}

function evaluateSpec(spec: string, size: number): RangeRequest {
  const suffix = /^-(\d+)$/.exec(spec);
  if (suffix) {
    const n = Number(suffix[1]);
    if (n === 0) return UNSATISFIABLE;
    // The only satisfiable range of an empty representation; there is nothing to send but the whole.
    if (size === 0) return FULL;
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const int = /^(\d+)-(\d*)$/.exec(spec);
  if (!int) return FULL;
  const first = Number(int[1]);
  const last = int[2] === '' ? Number.POSITIVE_INFINITY : Number(int[2]);
  if (last < first) return FULL;
  if (first >= size) return UNSATISFIABLE;
  return { kind: 'partial', start: first, end: Math.min(last, size - 1) };
}
