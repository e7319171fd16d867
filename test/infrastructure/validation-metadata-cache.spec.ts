import 'reflect-metadata';
import { IsInt, IsString, registerDecorator, validate } from 'class-validator';
import { cacheValidationMetadata } from '../../src/infrastructure/http/validation-metadata-cache';

class Base {
  @IsString() name!: string;
}

const errorsOf = async (value: object): Promise<string[]> =>
  (await validate(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true })).map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`);

describe('class-validator metadata cache', () => {
  beforeAll(() => {
    cacheValidationMetadata();
    cacheValidationMetadata(); // idempotent
  });

  it('answers as the library does, again and again', async () => {
    const bad = Object.assign(new Base(), { name: 3, extra: 1 });
    expect(await errorsOf(bad)).toEqual(['extra:whitelistValidation', 'name:isString']);
    expect(await errorsOf(bad)).toEqual(['extra:whitelistValidation', 'name:isString']);
    expect(await errorsOf(Object.assign(new Base(), { name: 'x' }))).toEqual([]);
  });

  it('sees rules added after a lookup was remembered (a class decorated later, inherited rules)', async () => {
    expect(await errorsOf(Object.assign(new Base(), { name: 'x' }))).toEqual([]);
    class Child extends Base {
      @IsInt() count!: number;
    }
    expect(await errorsOf(Object.assign(new Child(), { name: 1, count: 'x' }))).toEqual(['count:isInt', 'name:isString']);
    registerDecorator({ target: Base, propertyName: 'code', name: 'isCode', validator: { validate: (v: unknown) => v === 'ok', defaultMessage: () => 'bad code' } });
    expect(await errorsOf(Object.assign(new Base(), { name: 'x', code: 'no' }))).toEqual(['code:isCode']);
    expect(await errorsOf(Object.assign(new Child(), { name: 'x', count: 1, code: 'no' }))).toEqual(['code:isCode']);
  });
});
