/**
 * `{ ...base, ...extra }` for the paths every command and every folded event take: the same own
 * enumerable properties in the same order, built by Object.assign. On Node 20 an object literal
 * that spreads and then adds properties costs ~550 ns against ~70 ns (bench/README, "W6 on an AMD
 * EPYC machine", its later part), and the command pipeline, the event hasher and the projection fold each
 * did it once or twice per command or event. A base with an own `__proto__` key (a parsed JSON
 * object may have one) is spread as before: Object.assign would set the copy's prototype instead.
 */
export const copyWith = <T extends object, E extends object>(base: T, extra: E): Omit<T, keyof E> & E =>
  Object.prototype.hasOwnProperty.call(base, '__proto__') ? { ...base, ...extra } : Object.assign({}, base, extra);
