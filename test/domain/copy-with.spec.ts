import { copyWith } from '../../src/domain/shared';

describe('copyWith (an object spread with added properties, on the hot paths)', () => {
  it('gives the same own properties, in the same order, as the spread it stands for, and leaves the base as it was', () => {
    const base = { b: 1, a: [1], c: null, d: undefined, [Symbol.for('s')]: 's' };
    const copy = copyWith(base, { a: 'x', e: 2 });
    const spread = { ...base, ...{ a: 'x', e: 2 } };
    expect(Reflect.ownKeys(copy)).toEqual(Reflect.ownKeys(spread));
    expect(copy).toEqual(spread);
    expect(copy).not.toBe(base);
    expect(base).toEqual({ b: 1, a: [1], c: null, d: undefined, [Symbol.for('s')]: 's' });
  });

  it('copies an own __proto__ key as a key, as the spread does, rather than setting the prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"x":1}') as Record<string, unknown>;
    const copy = copyWith(parsed, { y: 2 }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(true);
    expect(Object.keys(copy)).toEqual(['__proto__', 'x', 'y']);
  });
});
