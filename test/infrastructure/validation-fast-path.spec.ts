import 'reflect-metadata';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { IsInt, IsOptional, IsString, MaxLength, ValidateNested, getMetadataStorage, registerDecorator } from 'class-validator';
import fc from 'fast-check';
import { CommandRequestDto } from '../../src/infrastructure/http/command-request.dto';
import { RequestValidationPipe } from '../../src/infrastructure/http/validation';
import { validInstance } from '../../src/infrastructure/http/validation-fast-path';

// Every module of the HTTP layer, so every DTO class the service declares is decorated.
const load = (dir: string): void => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) load(path);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) require(path);
  }
};
load(join(__dirname, '../../src/infrastructure/http'));

type Metadata = { type: string; name?: string; propertyName: string; constraints?: unknown[]; each?: boolean };
type Class = new () => object;
const storage = getMetadataStorage() as unknown as {
  validationMetadatas: Map<unknown, Metadata[]>;
  getTargetValidationMetadatas(target: unknown, schema: undefined, always: boolean, strict: boolean): Metadata[];
};
const classes = [...storage.validationMetadatas.keys()].filter((k): k is Class => typeof k === 'function');

const pipe = new RequestValidationPipe();
const body = (cls: Class): ArgumentMetadata => ({ type: 'body', metatype: cls as never, data: undefined });
/** The library's own answer: Nest's ValidationPipe with the service's options, without the fast path. */
const library = (cls: Class, value: unknown): Promise<{ ok: true; value: unknown } | { ok: false }> =>
  (ValidationPipe.prototype.transform.call(pipe, value, body(cls)) as Promise<unknown>).then(
    (v) => ({ ok: true as const, value: v }),
    () => ({ ok: false as const }),
  );

const constraint = (list: Metadata[], name: string): unknown[] | undefined => list.find((m) => m.name === name)?.constraints;
const bound = (list: Metadata[], name: string): number | undefined => constraint(list, name)?.[0] as number | undefined;
const NOISE = fc.constantFrom<unknown>(null, 1, -1, 1.5, 'x', '', true, {}, [], ['x'], '2026-02-30', '13800138000', '1'.repeat(300));
/** Texts whose conversions are not what they look like: Number(' 5 ') is 5, Number('') 0, Boolean('false') true. */
const QUIRKS = fc.constantFrom<unknown>(' 5 ', '', '1e2', '0x10', '-0', 'false', 'true', true, 0);
const CONVERSIONS = new Set<unknown>([Number, String, Boolean]);
const typeOf = (cls: Class, name: string): unknown => (defaultMetadataStorage.findTypeMetadata(cls, name) as { typeFunction(): unknown } | undefined)?.typeFunction();
/** A class (or a nested one) with @Transform: the one decorator the fast path leaves to the library. */
const transforms = (cls: Class | undefined, depth = 0): boolean =>
  cls !== undefined &&
  depth < 4 &&
  storage.getTargetValidationMetadatas(cls, undefined, false, false).some(
    (m) => defaultMetadataStorage.findTransformMetadatas(cls, m.propertyName, 0).length > 0 || (m.type === 'nestedValidation' && transforms(typeOf(cls, m.propertyName) as Class, depth + 1)),
  );
const DAY = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true });

/** Values for one property, drawn to satisfy its rules most of the time and to break them now and then. */
const valuesFor = (cls: Class, name: string, list: Metadata[], depth: number): fc.Arbitrary<unknown> => {
  const single = list.filter((m) => m.each !== true);
  const scalar = (rules: Metadata[]): fc.Arbitrary<unknown> => {
    const pattern = constraint(rules, 'matches')?.[0];
    const options = constraint(rules, 'isIn')?.[0] as unknown[] | undefined;
    if (pattern instanceof RegExp) return fc.stringMatching(pattern, { size: 'small' });
    if (options !== undefined) return fc.constantFrom(...options);
    if (rules.some((m) => m.name === 'isRef')) return fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/) }, { weight: 1, arbitrary: fc.constant('13800138000') });
    if (rules.some((m) => m.name === 'isPlainDate')) return DAY.map((d) => d.toISOString().slice(0, 10));
    if (rules.some((m) => m.name === 'isInstant' || m.name === 'isIso8601')) return DAY.map((d) => d.toISOString().replace('Z', '+08:00'));
    if (rules.some((m) => m.name === 'isUuid')) return fc.uuid();
    if (rules.some((m) => m.name === 'isBoolean')) return fc.boolean();
    if (rules.some((m) => m.name === 'isInt')) {
      const min = bound(rules, 'min') ?? -1000;
      const max = bound(rules, 'max') ?? 1_000_000;
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1) });
    }
    const max = bound(rules, 'maxLength');
    const text = fc.string({ minLength: bound(rules, 'minLength') ?? 0, maxLength: Math.min(max ?? 30, 30) });
    return max === undefined ? text : fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1)) });
  };
  const nested = list.some((m) => m.type === 'nestedValidation');
  const isArray = list.some((m) => m.name === 'isArray') || Reflect.getMetadata('design:type', cls.prototype as object, name) === Array;
  const element = nested ? objectOf(typeOf(cls, name) as Class | undefined, depth + 1) : scalar(list.filter((m) => m.each === true));
  let valid: fc.Arbitrary<unknown>;
  if (isArray) {
    const minLength = bound(single, 'arrayMinSize') ?? 0;
    valid = fc.array(element, { minLength, maxLength: Math.max(minLength, Math.min(bound(single, 'arrayMaxSize') ?? 4, 4)) });
  } else valid = nested ? element : scalar(single);
  // A query parameter arrives as text and @Type(() => Number | String | Boolean) converts it.
  if (CONVERSIONS.has(typeOf(cls, name))) valid = fc.oneof(valid, valid.map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v)), QUIRKS);
  const drawn = fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: NOISE });
  return list.some((m) => m.type === 'conditionalValidation') ? fc.option(drawn, { nil: undefined, freq: 3 }) : drawn;
};

const rarely = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

/** Plain objects for a class: every rule's property, one dropped or one unknown key added now and then. */
const objectOf = (cls: Class | undefined, depth = 0): fc.Arbitrary<unknown> => {
  if (cls === undefined || depth > 3) return NOISE;
  const grouped = new Map<string, Metadata[]>();
  for (const m of storage.getTargetValidationMetadatas(cls, undefined, false, false)) grouped.set(m.propertyName, [...(grouped.get(m.propertyName) ?? []), m]);
  const properties = Object.fromEntries([...grouped].map(([name, list]) => [name, valuesFor(cls, name, list, depth)]));
  const keys = Object.keys(properties);
  return fc
    .tuple(fc.record(properties), rarely(fc.constantFrom(...keys)), rarely(fc.constantFrom('extra', 'toString', 'hasOwnProperty')))
    .map(([record, drop, extra]) => {
      const plain: Record<string, unknown> = Object.fromEntries(Object.entries(record).filter(([key, value]) => value !== undefined && key !== drop));
      if (extra !== null) plain[extra] = 'x';
      return plain;
    });
};

/** A body as the HTTP layer parses it (structuredClone would give objects of another realm under Jest). */
const copy = (plain: unknown): unknown => JSON.parse(JSON.stringify(plain)) as unknown;

/** Same classes all the way down, with the same own keys and values (toStrictEqual also compares classes). */
const sameInstance = (fast: unknown, slow: unknown): void => {
  expect(fast).toStrictEqual(slow);
  expect(Object.keys(fast as object)).toEqual(Object.keys(slow as object));
};

describe('validation fast path: the library decides, the fast path only vouches for what the library accepts', () => {
  it('is there for every command body of the service', () => {
    const commands = classes.filter((cls) => cls.prototype instanceof CommandRequestDto);
    expect(commands.length).toBeGreaterThan(50);
    const register = commands.find((cls) => cls.name === 'RegisterCommunityDto') as Class;
    const instance = validInstance(register, { communityId: 'c-1', kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1' });
    expect(instance).toBeInstanceOf(register);
  });

  it.each(classes.map((cls) => [cls.name, cls] as const))('%s: where it answers, it answers as class-validator and class-transformer do, and it answers for what they accept', async (_name, cls) => {
    // Every DTO without @Transform must be vouched for whenever the library accepts it.
    const mirrored = !transforms(cls);
    // Keys class-transformer skips (methods of every object), at any depth, are left to the library.
    const skipped = (plain: object): boolean => /"(toString|hasOwnProperty)":/.test(JSON.stringify(plain));
    let accepted = 0;
    let vouched = 0;
    await fc.assert(
      fc.asyncProperty(objectOf(cls), async (plain) => {
        const slow = await library(cls, copy(plain));
        const fast = validInstance(cls, copy(plain));
        if (slow.ok && !skipped(plain as object)) accepted += 1;
        if (fast !== undefined) {
          vouched += 1;
          expect(slow.ok).toBe(true);
          if (slow.ok) sameInstance(fast, slow.value);
        } else if (mirrored && slow.ok && !skipped(plain as object)) {
          throw new Error(`not vouched for although valid: ${JSON.stringify(plain)}`);
        }
      }),
      { numRuns: 150, seed: 20261130 },
    );
    // The draws reach the valid side, so the agreement above is not only about refusals.
    expect(accepted).toBeGreaterThan(0);
    if (mirrored) expect(vouched).toBe(accepted);
  });

  it('leaves to the library what it does not mirror: unknown keys, @Transform, null prototypes aside', async () => {
    class Listed {
      @IsString() @Transform(({ value }: { value: unknown }) => String(value).trim()) name!: string;
    }
    expect(validInstance(Listed, { name: ' a ' })).toBeUndefined();
    const slow = await library(Listed, { name: ' a ' });
    expect(slow).toEqual({ ok: true, value: Object.assign(new Listed(), { name: 'a' }) });
    class Plain {
      @IsString() name!: string;
    }
    expect(validInstance(Plain, { name: 'a', other: 1 })).toBeUndefined();
    expect(validInstance(Plain, { name: 'a' })).toEqual(Object.assign(new Plain(), { name: 'a' }));
  });

  it('sees rules added to a class after it was first used', () => {
    class Later {
      @IsOptional() @IsInt() count?: number;
    }
    expect(validInstance(Later, { count: 1 })).toBeInstanceOf(Later);
    registerDecorator({ target: Later, propertyName: 'count', name: 'isEven', validator: { validate: (v: unknown) => typeof v === 'number' && v % 2 === 0 } });
    expect(validInstance(Later, { count: 1 })).toBeUndefined();
    expect(validInstance(Later, { count: 2 })).toBeInstanceOf(Later);
  });

  it('builds nested lists as class instances and checks them, as the library does', async () => {
    class Item {
      @IsString() @MaxLength(3) code!: string;
    }
    class Order {
      @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
    }
    const good = { items: [{ code: 'abc' }, { code: 'd' }] };
    const fast = validInstance(Order, good) as Order;
    expect(fast.items[0]).toBeInstanceOf(Item);
    sameInstance(fast, ((await library(Order, good)) as { value: unknown }).value);
    expect(validInstance(Order, { items: [{ code: 'abcd' }] })).toBeUndefined();
    expect(validInstance(Order, { items: ['abc'] })).toBeUndefined();
    expect((await library(Order, { items: ['abc'] })).ok).toBe(false);
  });
});
