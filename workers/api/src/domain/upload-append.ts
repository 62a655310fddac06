import { partAt } from './upload-plan.ts';

/** Where finished parts go: `R2MultipartUpload.uploadPart` in production. */
export type PartWriter = (partNumber: number, bytes: Uint8Array) => Promise<R2UploadedPart>;

export type AppendInput = {
  /** Upload-Length and the part size fixed at creation. */
  length: number;
  partSize: number;
  /** Bytes already received (the PATCH's Upload-Offset). */
  offset: number;
  /** The carried tail: the bytes of the current part received so far (offset % partSize of them). */
  tail: Uint8Array;
  body: ReadableStream<Uint8Array>;
  writePart: PartWriter;
};

export type AppendResult = {
  offset: number;
  /** Bytes of the unfinished part, to keep as the new tail (empty on a part boundary or at the end). */
  tail: Uint8Array;
  parts: R2UploadedPart[];
  /** The body stopped early (a dropped connection): what arrived is kept, tus 1.0 §"PATCH". */
  interrupted: boolean;
};

/** The part being filled: its buffer (sized to the part) and how much of it holds data. */
type Filling = { partNumber: number; buffer: Uint8Array; filled: number };

function startPart(input: AppendInput, position: number, tail: Uint8Array): Filling | null {
  if (position >= input.length) return null;
  const slot = partAt(position, input.length, input.partSize);
  const buffer = new Uint8Array(slot.end - slot.start);
  buffer.set(tail);
  return { partNumber: slot.partNumber, buffer, filled: tail.byteLength };
}

/**
 * Streams a PATCH body into equal parts: tail + body are cut at part boundaries, each full part is written
 * as it completes (memory holds one part), and what is left becomes the new tail. Reading stops at
 * `Upload-Length`; a body that errors mid-way ends the append with what arrived.
 */
export async function appendBody(input: AppendInput): Promise<AppendResult> {
  const parts: R2UploadedPart[] = [];
  let position = input.offset;
  let part = startPart(input, position, input.tail);
  let interrupted = false;
  const reader = input.body.getReader();
  for (;;) {
    const next = await reader.read().catch(() => null);
    if (next === null) interrupted = true;
    if (next === null || next.done || !part) break;
    let chunk = next.value;
    while (chunk.byteLength > 0 && part) {
      const n = Math.min(chunk.byteLength, part.buffer.byteLength - part.filled);
      part.buffer.set(chunk.subarray(0, n), part.filled);
      part.filled += n;
      position += n;
      chunk = chunk.subarray(n);
      if (part.filled === part.buffer.byteLength) {
        // A failed part write throws: the caller keeps the old offset and the client retries the PATCH.
        parts.push(await input.writePart(part.partNumber, part.buffer));
        part = startPart(input, position, new Uint8Array());
      }
    }
  }
  reader.releaseLock();
  const tail = part ? part.buffer.subarray(0, part.filled) : new Uint8Array();
  return { offset: position, tail, parts, interrupted };
}
