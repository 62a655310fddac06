import { describe, expect, it } from 'vitest';
import { parseChunkSizes } from './video.ts';

const HEADER = 'chunk_index\t300kbps_bytes\t750kbps_bytes';

describe('parseChunkSizes', () => {
  it('takes the ladder from the header and one row per chunk', () => {
    expect(parseChunkSizes(`${HEADER}\n1\t181801\t450283\n2\t155580\t398865\n`)).toEqual({
      bitratesKbps: [300, 750],
      chunkBytes: [
        [181801, 450283],
        [155580, 398865],
      ],
      chunkS: 4,
    });
  });

  it('rejects a table it would misread', () => {
    expect(() => parseChunkSizes('chunk_index\t750kbps_bytes\t300kbps_bytes\n1\t2\t1\n')).toThrow(
      /ascending/,
    );
    expect(() => parseChunkSizes(`${HEADER}\n2\t1\t2\n`)).toThrow(/row 2 is not chunk 1/);
    expect(() => parseChunkSizes(`${HEADER}\n1\t1\n`)).toThrow(/with 2 sizes/);
  });
});
