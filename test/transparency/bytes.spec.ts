import { randomBytes } from 'node:crypto';
import { fromHex, toHex, uint64be } from '../../src/transparency/bytes';

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

  it('reads every byte value back, and refuses what toHex never writes', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromHex(Buffer.from(all).toString('hex'))).toEqual(all);
    for (const bad of ['0A', 'abc', 'zz', '0g', ' 00', '00\n']) expect(fromHex(bad)).toBeUndefined();
  });
});

describe('uint64be', () => {
  it('writes a position as 8 big-endian bytes, as Buffer does, and refuses what does not fit', () => {
    for (const value of [0n, 1n, 255n, 256n, 2n ** 32n - 1n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n]) {
      const expected = Buffer.alloc(8);
      expected.writeBigUInt64BE(value);
      expect(uint64be(value)).toEqual(new Uint8Array(expected));
    }
    expect(() => uint64be(-1n)).toThrow(new RangeError('-1 does not fit in 64 bits'));
    expect(() => uint64be(2n ** 64n)).toThrow(RangeError);
  });
});
