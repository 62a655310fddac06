import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUploadLength, parseUploadMetadata } from '../src/domain/tus.ts';
import { appendBody } from '../src/domain/upload-append.ts';
import { MiB, partAt, partSizeFor, partsFinished, tailLengthAt } from '../src/domain/upload-plan.ts';
import { signUploadToken, verifyUploadToken } from '../src/domain/upload-signing.ts';

const h = (o: Record<string, string>) => new Headers(o);

describe('part planning', () => {
  it('sizes parts max(floor, ceil(length / 9000)) and never needs more than 10,000', () => {
    expect(partSizeFor(20 * MiB)).toBe(8 * MiB);
    expect(partSizeFor(100 * 1024 ** 3)).toBe(Math.ceil((100 * 1024 ** 3) / 9000));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 * 1024 ** 4 }), fc.integer({ min: 1, max: 64 }), (len, min) => {
        const size = partSizeFor(len, min * MiB);
        expect(size).toBeGreaterThanOrEqual(min * MiB);
        expect(Math.ceil(len / size)).toBeLessThanOrEqual(10_000);
      }),
    );
  });

  it('cuts any sequence of PATCHes into the same equal parts; the tail is offset mod part size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1 }),
        (length, partSize, cuts) => {
          const seen: number[] = [];
          let offset = 0;
          for (const n of [...cuts, length]) {
            const to = Math.min(length, offset + n);
            for (const p of partsFinished(offset, to, length, partSize)) seen.push(p.partNumber);
            offset = to;
            if (offset < length) expect(tailLengthAt(offset, length, partSize)).toBe(offset % partSize);
            if (offset === length) break;
          }
          expect(seen).toEqual(Array.from({ length: Math.ceil(length / partSize) }, (_, i) => i + 1));
          expect(partAt(length - 1, length, partSize).end).toBe(length);
        },
      ),
    );
  });
});

describe('appendBody', () => {
  const streamOf = (chunks: Uint8Array[], fail = false) =>
    new ReadableStream<Uint8Array>({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else if (fail) c.error(new Error('dropped'));
        else c.close();
      },
    });

  it('writes full parts in order, keeps the rest as the tail, and keeps what arrived before a drop', async () => {
    const written: [number, number][] = [];
    const writePart = async (n: number, bytes: Uint8Array) => {
      written.push([n, bytes.byteLength]);
      return { partNumber: n, etag: `e${n}` };
    };
    const input = { length: 25, partSize: 10, offset: 3, tail: new Uint8Array(3), writePart };
    const a = await appendBody({ ...input, body: streamOf([new Uint8Array(4), new Uint8Array(12)]) });
    expect(written).toEqual([[1, 10]]);
    expect(a).toMatchObject({ offset: 19, interrupted: false });
    expect(a.tail.byteLength).toBe(9);
    const b = await appendBody({
      ...input,
      offset: 19,
      tail: a.tail,
      body: streamOf([new Uint8Array(2)], true),
    });
    expect(b).toMatchObject({ offset: 21, interrupted: true });
    expect(b.tail.byteLength).toBe(1);
    const c = await appendBody({ ...input, offset: 21, tail: b.tail, body: streamOf([new Uint8Array(4)]) });
    expect(written).toEqual([
      [1, 10],
      [2, 10],
      [3, 5],
    ]);
    expect(c.offset).toBe(25);
  });
});

describe('tus headers', () => {
  it('parses Upload-Length and refuses deferred, negative or non-numeric lengths', () => {
    expect(parseUploadLength(h({ 'upload-length': '42' }))).toBe(42);
    for (const bad of ['-1', '1.5', '0x10', '', '0']) {
      expect(() => parseUploadLength(h({ 'upload-length': bad }))).toThrow();
    }
    expect(() => parseUploadLength(h({ 'upload-defer-length': '1' }))).toThrow(/Deferred/);
  });

  it('decodes Upload-Metadata pairs and refuses duplicates and bad base64', () => {
    expect(parseUploadMetadata(`filename ${btoa('a.mp4')},is_confidential`)).toEqual({
      filename: 'a.mp4',
      is_confidential: '',
    });
    expect(() => parseUploadMetadata('a YQ==,a Yg==')).toThrow();
    expect(() => parseUploadMetadata('a !!!')).toThrow();
  });
});

describe('upload signatures', () => {
  const key = 'k'.repeat(32);
  const claims = {
    uploadId: 'u'.repeat(16),
    videoId: 'v'.repeat(16),
    userId: 'w'.repeat(16),
    expiresAt: 2000,
  };

  it('accepts its own token and rejects any changed character or an expired one', async () => {
    const token = await signUploadToken(key, claims);
    expect(await verifyUploadToken(key, token, 1000)).toEqual({ ok: true, claims });
    expect(await verifyUploadToken(key, token, 2000)).toEqual({ ok: false, reason: 'upload_expired' });
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), fc.constantFrom('A', 'b', '9', '-', '.'), async (i, ch) => {
        fc.pre(token[i] !== ch);
        const changed = `${token.slice(0, i)}${ch}${token.slice(i + 1)}`;
        expect(await verifyUploadToken(key, changed, 1000)).toEqual({
          ok: false,
          reason: 'upload_signature_invalid',
        });
      }),
      { numRuns: 200 },
    );
  });
});
