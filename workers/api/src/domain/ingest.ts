import { hex } from '@reel/signing';

export type IngestResult =
  | { ok: true; size: number }
  | { ok: false; reason: 'sha256_mismatch' | 'length_mismatch' };

/**
 * Streams `body` into R2 at `key`, hashing it on the way (crypto.DigestStream on a tee of the body), so
 * nothing is buffered. R2 is also handed the expected sha256, so it refuses a mismatching object itself;
 * if ours disagrees anyway the object is deleted. The verified hash is stored as custom metadata, which
 * `complete` compares with the manifest.
 */
export async function ingestObject(
  media: R2Bucket,
  input: {
    key: string;
    body: ReadableStream<Uint8Array>;
    length: number;
    sha256: string;
    contentType?: string;
  },
): Promise<IngestResult> {
  const { key, length, sha256 } = input;
  const [toStore, toHash] = input.body.tee();
  const digest = new crypto.DigestStream('SHA-256');
  const hashed = toHash.pipeTo(digest).then(
    async () => hex(new Uint8Array(await digest.digest)),
    () => null,
  );
  // R2 needs a known length for a streamed put; FixedLengthStream also errors on a body of another size.
  const fixed = new FixedLengthStream(length);
  const piped = toStore.pipeTo(fixed.writable).then(
    () => true,
    () => false,
  );
  let stored = true;
  try {
    await media.put(key, fixed.readable, {
      sha256,
      customMetadata: { sha256 },
      ...(input.contentType ? { httpMetadata: { contentType: input.contentType } } : {}),
    });
  } catch {
    stored = false;
  }
  const [actual, complete] = await Promise.all([hashed, piped]);
  if (stored && complete && actual === sha256) return { ok: true, size: length };
  await media.delete(key);
  if (!complete || actual === null) return { ok: false, reason: 'length_mismatch' };
  return { ok: false, reason: 'sha256_mismatch' };
}
