import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import { acceptedBody } from '../../src/infrastructure/http/validation-fast-path';
import { RequestValidationPipe } from '../../src/infrastructure/http/validation';
import { ConstituteRepresentativeMeetingDto, RecordCensusSnapshotDto, RegisterCommunityDto, StartCommitteeTermDto } from '../../src/infrastructure/http/communities/community.dto';

class Inner {
  @IsInt() n!: number;
}
class WithNested {
  @ValidateNested() @Type(() => Inner) inner!: Inner;
}
class WithCondition {
  @IsString() kind!: string;
  @ValidateIf((o: WithCondition) => o.kind === 'named') @IsString() name?: string;
  @IsOptional() @IsInt({ each: true }) counts?: number;
}

/** The generic pipe, as RequestValidationPipe runs it without the fast path (same options). */
const full = (body: unknown, metatype: Function): Promise<unknown> => {
  const pipe = new RequestValidationPipe();
  return ValidationPipe.prototype.transform.call(pipe, body, { type: 'body', metatype, data: undefined } as ArgumentMetadata as never);
};

const register = { communityId: 'c-17', kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1' };

/** Bodies the full pipe accepts: the fast path must give the very same instance. */
const VALID: readonly (readonly [Function, object])[] = [
  [RegisterCommunityDto, register],
  [RegisterCommunityDto, { ...register, timeZone: 'Asia/Shanghai', occurredAt: '2026-03-01T09:30:00+08:00' }],
  [RegisterCommunityDto, { ...register, timeZone: null }],
  [RegisterCommunityDto, { kind: 'urban_community', districtRef: 'd-1', name: 'x', communityId: 'c-1', townshipRef: 't-9' }],
  [StartCommitteeTermDto, { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31' }],
  [ConstituteRepresentativeMeetingDto, { constitutionId: 'r', termId: 't', effectiveFrom: '2026-01-15', committeeMembers: 5, representatives: 40, womenMembers: 2, selection: 'by_groups' }],
  [WithCondition, { kind: 'anonymous', name: 3 }],
  [WithCondition, { kind: 'named', name: 'n', counts: 2 }],
];

/** Bodies the full pipe refuses: the fast path must leave every one of them to it. */
const INVALID: readonly (readonly [Function, unknown])[] = [
  [RegisterCommunityDto, { ...register, extra: 1 }],
  [RegisterCommunityDto, { ...register, communityId: 'C 17' }],
  [RegisterCommunityDto, { ...register, kind: 'city' }],
  [RegisterCommunityDto, { ...register, name: '' }],
  [RegisterCommunityDto, { ...register, name: 'x'.repeat(201) }],
  [RegisterCommunityDto, { ...register, townshipRef: '13800138000' }],
  [RegisterCommunityDto, { ...register, districtRef: undefined }],
  [RegisterCommunityDto, { ...register, timeZone: 5 }],
  [RegisterCommunityDto, { ...register, occurredAt: '2026-02-30T09:30:00+08:00' }],
  [RegisterCommunityDto, { ...register, occurredAt: '2026-03-01 09:30:00' }],
  [RegisterCommunityDto, { ...register, name: ['x'] }],
  [RegisterCommunityDto, { ...register, name: { toString: 'x' } }],
  [RegisterCommunityDto, {}],
  [RegisterCommunityDto, []],
  [RegisterCommunityDto, null],
  [StartCommitteeTermDto, { termId: 'term-12', termNumber: 1.5, startsOn: '2026-01-01', endsOn: '2030-12-31' }],
  [StartCommitteeTermDto, { termId: 'term-12', termNumber: '12', startsOn: '2026-01-01', endsOn: '2030-12-31' }],
  [WithCondition, { kind: 'named', name: 3 }],
  [WithCondition, { kind: 'x', counts: 'many' }],
];

describe('validation fast path (flat bodies that certainly pass)', () => {
  it.each(VALID.map(([dto, body], i) => [i, dto.name, dto, body] as const))('%i %s: the same instance as the full pipe', async (_i, _name, dto, body) => {
    const fast = acceptedBody(dto, { ...body });
    const slow = await full({ ...body }, dto);
    expect(fast).toBeInstanceOf(dto);
    expect(fast).toEqual(slow);
    expect(Object.keys(fast as object)).toEqual(Object.keys(slow as object));
  });

  it.each(INVALID.map(([dto, body], i) => [i, dto.name, dto, body] as const))('%i %s: left to the full pipe, which refuses it', async (_i, _name, dto, body) => {
    const copy = Array.isArray(body) ? [...body] : body !== null && typeof body === 'object' ? { ...body } : body;
    expect(acceptedBody(dto, copy)).toBeUndefined();
    await expect(full(copy, dto)).rejects.toThrow();
  });

  it('does not take classes with nested or transformed fields', async () => {
    expect(acceptedBody(WithNested, { inner: 1 })).toBeUndefined();
    expect(acceptedBody(RecordCensusSnapshotDto, { snapshotId: 's', effectiveFrom: '2026-01-01', adults: 1, households: 1 })).toBeUndefined();
    expect(acceptedBody(Object, { a: 1 })).toBeUndefined();
    // The full pipe drops a `constructor` key (class-transformer skips it); the fast path leaves that to it.
    expect(acceptedBody(RegisterCommunityDto, { ...register, constructor: 'x' })).toBeUndefined();
  });

  it('answers through RequestValidationPipe with the same instance and the same problems', async () => {
    const pipe = new RequestValidationPipe();
    const meta = { type: 'body', metatype: RegisterCommunityDto, data: undefined } as ArgumentMetadata;
    expect(await pipe.transform({ ...register }, meta)).toEqual(await full({ ...register }, RegisterCommunityDto));
    await expect(pipe.transform({ ...register, kind: 'city', extra: 1 }, meta)).rejects.toMatchObject({
      fields: [
        { field: 'extra', message: 'property extra should not exist' },
        { field: 'kind', message: 'kind must be one of the following values: village, urban_community' },
      ],
    });
  });
});
