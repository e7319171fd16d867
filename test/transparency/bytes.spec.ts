import { randomBytes } from 'node:crypto';
import { fromHex, toHex } from '../../src/transparency/bytes';

describe('hex of bytes', () => {
  it('writes every byte value as two lower-case digits, as Buffer does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toHex(all)).toBe(Buffer.from(all).toString('hex'));
    for (const length of [0, 1, 32, 33, 1000]) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(toHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
      expect(fromHex(toHex(bytes))).toEqual(bytes);
    }
  });

  it('reads a view into a larger buffer from its own offset', () => {
    const backing = Uint8Array.from([0xff, 0x00, 0x0a, 0xb0, 0xff]);
    expect(toHex(backing.subarray(1, 4))).toBe('000ab0');
  });
});
