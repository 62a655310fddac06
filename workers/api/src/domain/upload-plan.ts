/**
 * Part planning for tus uploads on R2 multipart (TOOLCHAIN.md "Platform facts"): every part but the last
 * has the same size, at least 5 MiB, at most 10,000 parts. tus PATCH bodies come in any size, so the part
 * size is fixed from `Upload-Length` at creation and the bytes that do not yet fill a part (the tail) are
 * carried between PATCHes. Everything here is arithmetic on file offsets: no I/O.
 */

export const MiB = 1024 * 1024;
/** Our floor for a part (R2's own floor is 5 MiB). */
export const MIN_PART_BYTES = 8 * MiB;
/** Parts we plan for: below R2's 10,000, leaving room for rounding. */
export const PLANNED_PARTS = 9000;
export const MAX_PARTS = 10_000;

/** A part in file coordinates: bytes [start, end) become part `partNumber` (1-based, as R2 numbers them). */
export type PartSlot = { partNumber: number; start: number; end: number };

/**
 * The part size for an upload of `length` bytes: max(minPart, ceil(length / 9000)).
 * @example partSizeFor(20 * MiB) === 8 * MiB; partSizeFor(100 * 1024 ** 3) === 11930465
 */
export function partSizeFor(length: number, minPart = MIN_PART_BYTES): number {
  if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`length must be ≥ 1: ${length}`);
  return Math.max(minPart, Math.ceil(length / PLANNED_PARTS));
}

/** How many parts an upload of `length` bytes has. */
export const partCount = (length: number, partSize: number): number => Math.ceil(length / partSize);

/** The part that holds byte `offset` (`offset` < `length`): the last one may be shorter. */
export function partAt(offset: number, length: number, partSize: number): PartSlot {
  if (offset < 0 || offset >= length) throw new RangeError(`offset ${offset} outside [0, ${length})`);
  const index = Math.floor(offset / partSize);
  const start = index * partSize;
  return { partNumber: index + 1, start, end: Math.min(start + partSize, length) };
}

/**
 * Bytes received at `offset` that are not in a finished part yet: the tail kept as a temporary object.
 * Zero on a part boundary and once everything arrived (the last part is uploaded with the last byte).
 */
export const tailLengthAt = (offset: number, length: number, partSize: number): number =>
  offset >= length ? 0 : offset % partSize;

/** The parts a PATCH covering [from, to) finishes, in order (a part is finished when its end is reached). */
export function partsFinished(from: number, to: number, length: number, partSize: number): PartSlot[] {
  const out: PartSlot[] = [];
  if (to <= from) return out;
  for (let slot = partAt(from, length, partSize); slot.end <= to; ) {
    out.push(slot);
    if (slot.end >= length) break;
    slot = partAt(slot.end, length, partSize);
  }
  return out;
}

/** Limits every upload target announces (docs/UPLOADS.md). */
export const UPLOAD_LIMITS = {
  /** Most bytes one PATCH may carry: two parts, well under the Workers body limit (≤ 50 MiB). */
  chunkSize: 16 * MiB,
  /** Largest Upload-Length: at 9,000 planned parts it keeps the part size at the 8 MiB floor. */
  maxBytes: 64 * 1024 * MiB,
  /** The single PUT goes through the Worker in one body (100 MB plan limit). */
  putMaxBytes: 95_000_000,
  /** How long a target (and its tus upload) lives. */
  ttlMs: 24 * 60 * 60_000,
} as const;
