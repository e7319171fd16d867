import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiExtension } from '@nestjs/swagger';
import { ValidationError } from '../../../domain/shared';
import { toBase64 } from '../../../transparency/bytes';
import { eventLeafHash } from '../../../transparency/event-leaf';
import { CurrentActor, Public, RequireRoles } from '../../auth/auth.decorators';
import type { Actor } from '../../auth/token.service';
import { publicKeyInfo } from '../../transparency/log-settings';
import { TransparencyLog, type ServedCheckpoint } from '../../transparency/transparency-log';
import { CheckpointQueryDto, ConsistencyQueryDto, CosignatureDto, InclusionQueryDto, RegisterWitnessDto } from './log.dto';
import { DecidesPersonalData } from '../public-redaction';
import { EventLogRead } from '../openapi/event-log-read';
import { CHECKPOINT_NOTE_SCHEMA, CHECKPOINT_SCHEMA, CONSISTENCY_PROOF_SCHEMA, INCLUSION_PROOF_SCHEMA, LOG_KEY_SCHEMA, WITNESSES_SCHEMA } from './log-schemas';

const LOG_ADMINS = ['log_administrator'];
const PUBLISHERS = ['log_administrator', 'auditor', 'civil_affairs_office', 'supervision_committee'];

const checkpointJson = (c: ServedCheckpoint) => ({
  origin: c.origin,
  treeSize: c.treeSize.toString(),
  rootHash: toBase64(c.rootHash),
  keyId: c.keyId,
  signedAt: c.signedAt.toISOString(),
  note: c.noteWithCosignatures,
  cosignatures: c.cosignatures.map((w) => ({ witness: w.witness, cosignedAt: w.cosignedAt.toISOString() })),
});

/**
 * The transparency log (docs/architecture.md "Integrators' feed and the transparency log"): signed checkpoints in the C2SP
 * tlog-checkpoint format, RFC 9162 inclusion and consistency proofs, witness cosignatures.
 * Hashes are standard base64 as in checkpoints; leaf = SHA-256(0x00 || uint64be(globalPosition) || eventHash).
 * Its public answers hold hashes, signatures and keys, never personal data (@DecidesPersonalData: a
 * checkpoint's `note` is the signed note, not an actor's note).
 */
@ApiTags('transparency log')
@ApiExtension('x-reads', 'event-log')
@Controller('log')
export class LogController {
  constructor(private readonly log: TransparencyLog) {}

  @Public()
  @DecidesPersonalData()
  @Get('checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @EventLogRead({ summary: 'The newest signed checkpoint as a C2SP signed note, with witness cosignatures', response: CHECKPOINT_NOTE_SCHEMA, contentType: 'text/plain' })
  async checkpointNote(): Promise<string> {
    return (await this.log.latest()).noteWithCosignatures;
  }

  @Public()
  @DecidesPersonalData()
  @Get('checkpoints/latest')
  @EventLogRead({ summary: 'The newest (or ?treeSize=) signed checkpoint as JSON', response: CHECKPOINT_SCHEMA })
  async checkpoint(@Query() q: CheckpointQueryDto) {
    return checkpointJson(q.treeSize === undefined ? await this.log.latest() : await this.log.checkpointOfSize(BigInt(q.treeSize)));
  }

  @Post('checkpoints')
  @HttpCode(201)
  @ApiBearerAuth()
  @RequireRoles(...PUBLISHERS)
  @ApiOperation({ summary: 'Bring the tree up to date and sign a checkpoint now (on demand)' })
  async publish() {
    return checkpointJson(await this.log.publish());
  }

  @Public()
  @DecidesPersonalData()
  @Get('key')
  @EventLogRead({ summary: 'The log public key: verifier key string (name+keyid+base64), key id, signature profile', response: LOG_KEY_SCHEMA })
  key() {
    const info = publicKeyInfo(this.log.settings);
    if (info === null) return { origin: this.log.settings.origin, profile: this.log.settings.profile, keyId: null, verifierKey: null };
    return info;
  }

  @Public()
  @DecidesPersonalData()
  @Get('proofs/inclusion')
  @EventLogRead({ summary: 'RFC 9162 inclusion proof of an event (by eventId or position) in the newest checkpoint or a given tree size', response: INCLUSION_PROOF_SCHEMA })
  async inclusion(@Query() q: InclusionQueryDto) {
    if ((q.eventId === undefined) === (q.position === undefined)) {
      throw new ValidationError('give exactly one of eventId and position', [{ field: 'eventId', message: 'exactly one of eventId, position' }]);
    }
    const location = await this.log.locate(q.eventId !== undefined ? { eventId: q.eventId } : { globalPosition: BigInt(q.position!) });
    const proof = await this.log.inclusionProof(location, q.treeSize === undefined ? undefined : BigInt(q.treeSize));
    return {
      eventId: location.eventId,
      globalPosition: location.globalPosition.toString(),
      eventHash: location.hash,
      leafIndex: location.leafIndex.toString(),
      leafHash: toBase64(eventLeafHash(location.globalPosition, location.hash)),
      treeSize: proof.treeSize.toString(),
      hashes: proof.hashes.map(toBase64),
      ...(proof.checkpoint === undefined ? {} : { checkpoint: checkpointJson(proof.checkpoint) }),
    };
  }

  @Public()
  @DecidesPersonalData()
  @Get('proofs/consistency')
  @EventLogRead({ summary: 'RFC 9162 consistency proof between two tree sizes', response: CONSISTENCY_PROOF_SCHEMA })
  async consistency(@Query() q: ConsistencyQueryDto) {
    const hashes = await this.log.consistencyProof(BigInt(q.from), BigInt(q.to));
    return { from: q.from, to: q.to, hashes: hashes.map(toBase64) };
  }

  @Public()
  @DecidesPersonalData()
  @Get('witnesses')
  @EventLogRead({ summary: 'Registered witnesses and the largest tree size each cosigned', response: WITNESSES_SCHEMA })
  witnesses() {
    return this.log.witnesses();
  }

  @Post('witnesses')
  @HttpCode(201)
  @ApiBearerAuth()
  @RequireRoles(...LOG_ADMINS)
  @ApiOperation({ summary: 'Register a witness key (C2SP cosignature/v1 verifier key)' })
  registerWitness(@Body() body: RegisterWitnessDto, @CurrentActor() actor: Actor) {
    return this.log.registerWitness(body.name, body.verifierKey, actor.actorId);
  }

  @Public()
  @DecidesPersonalData()
  @Post('witnesses/:name/cosignatures')
  @HttpCode(201)
  @ApiOperation({
    summary: 'A witness cosignature for a signed checkpoint; accepted only if consistent with the last checkpoint that witness cosigned (the signature authenticates the witness)',
  })
  async cosign(@Param('name') name: string, @Body() body: CosignatureDto) {
    return checkpointJson(await this.log.addCosignature(name, BigInt(body.treeSize), body.cosignature));
  }
}
