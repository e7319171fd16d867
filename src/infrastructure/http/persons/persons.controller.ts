import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { PersonRegistry, type PersonView } from '../../../application/person-registry/person-registry.service';
import { CommandRequestFrom } from '../command-request.decorator';
import { CommandEndpoint, commandAccepted, type CommandAcceptedDto } from '../command-response';
import { ReadOperation } from '../openapi/read-operation';
import { COMMITTEES, CommunityRoles, TOWNSHIP } from '../supervision/supervision-scopes';
import { ErasePersonDto, RegisterPersonDto, ResolvePersonsQueryDto } from './persons.dto';

/** Who may see a person's name, phone and ID number: the community's committee, its township, auditors. */
export const PERSON_DATA_READERS = [...COMMITTEES, ...TOWNSHIP, 'auditor'] as const;

const S = { type: 'string' } as const;
const PERSON_SCHEMA = {
  type: 'object',
  required: ['personRef', 'communityId', 'erased'],
  properties: {
    personRef: S,
    communityId: S,
    erased: { type: 'boolean', description: 'true once the key was destroyed: the data is gone for good' },
    name: { ...S, description: 'absent once erased' },
    phone: S,
    idNumber: S,
  },
} as const;

const view = (p: PersonView) => p;

/**
 * The person registry (crypto-shredding): personal data encrypted with a key per person, outside
 * the log; events carry the reference only. No route here is public.
 */
@ApiTags('persons')
@ApiBearerAuth()
@Controller('communities/:communityId/persons')
export class PersonsController {
  constructor(private readonly registry: PersonRegistry) {}

  @Post()
  @ApiOperation({ summary: "Register a person: the name, phone and ID number are stored encrypted under the person's own key; the log records PersonRegistered with the reference only" })
  @CommandEndpoint()
  @CommunityRoles(...COMMITTEES, ...TOWNSHIP)
  async register(
    @Param('communityId') communityId: string,
    @Body() dto: RegisterPersonDto,
    @CommandRequestFrom() request: CommandRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<CommandAcceptedDto & { personRef: string }> {
    const data = { name: dto.name, ...(dto.phone === undefined ? {} : { phone: dto.phone }), ...(dto.idNumber === undefined ? {} : { idNumber: dto.idNumber }) };
    const result = await this.registry.register(communityId, dto.personRef, data, request);
    return { ...commandAccepted(res, result), personRef: result.personRef };
  }

  @Post(':personRef/erasure')
  @ApiOperation({ summary: "Erase a person: destroys the person's key (the data can never be read again) and records PersonErased; the log, its proofs and bundles are untouched" })
  @CommandEndpoint()
  @CommunityRoles(...COMMITTEES, ...TOWNSHIP)
  async erase(
    @Param('communityId') communityId: string,
    @Param('personRef') personRef: string,
    @Body() _dto: ErasePersonDto,
    @CommandRequestFrom() request: CommandRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<CommandAcceptedDto> {
    return commandAccepted(res, await this.registry.erase(communityId, personRef, request));
  }

  @Get()
  @ReadOperation({
    summary: 'Resolve person references to names (committee views): one entry per registered reference; erased persons come back without data',
    response: { type: 'object', required: ['persons'], properties: { persons: { type: 'array', items: PERSON_SCHEMA } } },
  })
  @CommunityRoles(...PERSON_DATA_READERS)
  async resolve(@Param('communityId') communityId: string, @Query() q: ResolvePersonsQueryDto) {
    const refs = [...new Set(q.refs.split(','))];
    return { persons: (await this.registry.resolve(communityId, refs)).map(view) };
  }

  @Get(':personRef')
  @ReadOperation({ summary: "A person's data, decrypted (erased persons: only the reference and erased: true)", response: PERSON_SCHEMA })
  @CommunityRoles(...PERSON_DATA_READERS)
  async read(@Param('communityId') communityId: string, @Param('personRef') personRef: string) {
    return view(await this.registry.read(communityId, personRef));
  }
}
