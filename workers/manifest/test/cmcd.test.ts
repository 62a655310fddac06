import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Cmcd,
  cmcdEvent,
  cmcdHeaders,
  MAX_CMCD_LENGTH,
  parseCmcd,
  parseCmcdText,
  serializeCmcd,
} from '../src/cmcd.ts';

const SEGMENT = 'https://media.example/v/tok/h264-720/seg_3.m4s';

describe('CMCD parsing (CTA-5004)', () => {
  it('reads the query form as hls.js sends it: URL-encoded, sorted, strings quoted, bare booleans', () => {
    const text =
      'bl=21300,br=3200,bs,cid="faec5fc2-ac30-11ea-bb37-0242ac130002",d=4004,dl=18500,mtp=48100,' +
      'nor="..%2F300kbps%2Ftrack.m4v",nrr="12323-48763",ot=v,pr=1.08,rtp=12000,sf=h,sid="6e2fb550",st=v,su,tb=6000';
    const req = new Request(`${SEGMENT}?CMCD=${encodeURIComponent(text)}&other=1`);
    expect(parseCmcd(req)).toEqual({
      bl: 21300,
      br: 3200,
      bs: true,
      cid: 'faec5fc2-ac30-11ea-bb37-0242ac130002',
      d: 4004,
      dl: 18500,
      mtp: 48100,
      nor: '..%2F300kbps%2Ftrack.m4v',
      nrr: '12323-48763',
      ot: 'v',
      pr: 1.08,
      rtp: 12000,
      sf: 'h',
      sid: '6e2fb550',
      st: 'v',
      su: true,
      tb: 6000,
    });
  });

  it('merges the four headers when there is no query parameter', () => {
    const req = new Request(SEGMENT, {
      headers: {
        'CMCD-Object': 'br=3200,d=4004,ot=v,tb=6000',
        'CMCD-Request': 'bl=21300,mtp=48100,su,com.example-myNumericKey=500',
        'CMCD-Session': 'sid="6e2fb550",sf=h,st=v',
        'CMCD-Status': 'bs,rtp=15000',
      },
    });
    expect(parseCmcd(req)).toEqual({
      br: 3200,
      d: 4004,
      ot: 'v',
      tb: 6000,
      bl: 21300,
      mtp: 48100,
      su: true,
      sid: '6e2fb550',
      sf: 'h',
      st: 'v',
      bs: true,
      rtp: 15000,
      custom: { 'com.example-myNumericKey': 500 },
    });
  });

  it('is null when a request carries no CMCD, or nothing valid', () => {
    expect(parseCmcd(new Request(SEGMENT))).toBeNull();
    expect(parseCmcd(new Request(`${SEGMENT}?CMCD=`))).toBeNull();
    expect(parseCmcd(new Request(`${SEGMENT}?CMCD=${encodeURIComponent('br=-5,ot=zz,nokey=1')}`))).toBeNull();
  });

  it('drops invalid entries and keeps the valid ones', () => {
    expect(
      parseCmcdText(`br=fast,bl=2.5,bs=?0,cid="${'x'.repeat(65)}",d=100,ot="v",sf=x,sid=42,v=1,su=?1`),
    ).toEqual({ bs: false, d: 100, ot: 'v', v: 1, su: true });
  });

  it('honours quoted commas and escapes, and lets the last of a repeated key win', () => {
    expect(parseCmcdText('nor="a,b\\"c\\\\d",br=1,br=2')).toEqual({ nor: 'a,b"c\\d', br: 2 });
    expect(parseCmcdText('nor="unterminated,br=5')).toBeNull();
    expect(parseCmcdText('nor="bad\\escape",br=5')).toEqual({ br: 5 });
  });

  it('keeps custom keys only with a hyphen, within limits', () => {
    const many = Array.from({ length: 20 }, (_, i) => `x-k${String(i).padStart(2, '0')}=${i}`).join(',');
    const parsed = parseCmcdText(`${many},nohyphen=1,com.example-s="${'y'.repeat(129)}"`);
    expect(Object.keys(parsed?.custom ?? {})).toHaveLength(16);
    expect(parsed?.custom?.['x-k00']).toBe(0);
    expect(parsed?.custom).not.toHaveProperty('com.example-s');
    expect(parseCmcdText('com.example-flag,com.example-name="n"')).toEqual({
      custom: { 'com.example-flag': true, 'com.example-name': 'n' },
    });
  });

  it('ignores oversized input as a whole', () => {
    expect(parseCmcdText(`br=1,x-pad="${'a'.repeat(MAX_CMCD_LENGTH)}"`)).toBeNull();
  });

  it('builds the metrics event from the request and the token facts', () => {
    const req = new Request(`${SEGMENT}?CMCD=${encodeURIComponent('br=800,ot=v')}`);
    const ctx = { videoId: 'vid1', sessionId: 'ses1', path: 'h264-720/seg_3.m4s', country: 'NL' };
    expect(cmcdEvent(req, ctx)).toEqual({ kind: 'cmcd', ...ctx, cmcd: { br: 800, ot: 'v' } });
    expect(cmcdEvent(new Request(SEGMENT), ctx)).toBeNull();
  });
});

const printable = fc.string({ unit: fc.constantFrom(...' !"#,=\\azAZ09-._~/?%'.split('')), maxLength: 40 });
const uint = fc.integer({ min: 0, max: 2 ** 31 });
const customKey = fc.stringMatching(/^[a-z][a-z0-9.]{0,10}-[a-z0-9]{1,8}$/);

const validCmcd: fc.Arbitrary<Cmcd> = fc.record(
  {
    br: uint,
    bl: uint,
    bs: fc.boolean(),
    cid: printable,
    d: uint,
    dl: uint,
    mtp: uint,
    nor: printable.filter((s) => s.length > 0),
    nrr: fc.tuple(uint, uint).map(([a, b]) => `${a}-${a + b}`),
    ot: fc.constantFrom('m', 'a', 'v', 'av', 'i', 'c', 'tt', 'k', 'o'),
    pr: fc.integer({ min: 0, max: 4000 }).map((n) => n / 1000),
    rtp: uint,
    sf: fc.constantFrom('d', 'h', 's', 'o'),
    sid: printable,
    st: fc.constantFrom('v', 'l'),
    su: fc.boolean(),
    tb: uint,
    v: fc.integer({ min: 1, max: 3 }),
    custom: fc.dictionary(customKey, fc.oneof(printable, uint, fc.boolean()), { minKeys: 1, maxKeys: 5 }),
  },
  { requiredKeys: [] },
);

describe('CMCD properties', () => {
  it('never throws on arbitrary text, headers or query strings', () => {
    const anyText = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'a=,"\\?-1. '.split('')) }));
    fc.assert(
      fc.property(anyText, anyText, (q, h) => {
        parseCmcdText(q);
        parseCmcd(new Request(`${SEGMENT}?CMCD=${encodeURIComponent(q)}`));
        parseCmcd(new Request(SEGMENT, { headers: { 'CMCD-Request': h.replace(/[\r\n\0]/g, '') } }));
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips valid data through the query form and through the headers', () => {
    fc.assert(
      fc.property(validCmcd, (cmcd) => {
        const expected = Object.keys(cmcd).length === 0 ? null : cmcd;
        const text = serializeCmcd(cmcd);
        expect(parseCmcdText(text)).toEqual(expected);
        expect(parseCmcd(new Request(`${SEGMENT}?CMCD=${encodeURIComponent(text)}`))).toEqual(expected);
        expect(parseCmcd(new Request(SEGMENT, { headers: cmcdHeaders(cmcd) }))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('serializes with sorted keys, bare true, ?0 false, quoted strings and bare tokens', () => {
    expect(serializeCmcd({ sid: 'a"b', br: 10, bs: true, su: false, ot: 'v', custom: { 'a-x': 'q' } })).toBe(
      'a-x="q",br=10,bs,ot=v,sid="a\\"b",su=?0',
    );
  });
});
