import { Controller, Get, Header, Inject, Param, ParseEnumPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiExtension } from '@nestjs/swagger';
import { STORAGE } from '../../../application/command-handling/tokens';
import { Public, RequireRoles } from '../../auth/auth.decorators';
import type { Storage } from '../../storage/create-storage';
import { BUNDLE_KINDS, exportBundle, PUBLIC_BUNDLE_KINDS, type BundleKind, type PublicBundleKind } from '../../transparency/proof-bundles';
import { DecidesPersonalData } from '../public-redaction';
import { TransparencyLog } from '../../transparency/transparency-log';
import { EventLogRead } from '../openapi/event-log-read';
import { PROOF_BUNDLE_SCHEMA } from './log-schemas';

/** Full bundles carry whole envelopes (actors, free text), so only bodies that audit may export them. */
const AUDITORS = ['auditor', 'civil_affairs_office', 'supervision_committee', 'township_government', 'log_administrator'];

@ApiTags('transparency log')
@ApiExtension('x-reads', 'event-log')
@Controller('log/bundles')
export class BundlesController {
  constructor(private readonly log: TransparencyLog, @Inject(STORAGE) private readonly storage: Storage) {}

  @Get(':kind/:id')
  @ApiBearerAuth()
  @RequireRoles(...AUDITORS)
  @Header('Content-Type', 'application/json; charset=utf-8')
  @EventLogRead({
    response: PROOF_BUNDLE_SCHEMA,
    summary:
      'Full proof bundle of a record (kind: consultation, meeting, community, locality-policy, publication, work-list-set): its events with every field (and, for sd-1 events, every salt), their inclusion proofs and a checkpoint signed now with cosignatures, as canonical JSON; check offline with `civic-ledger verify-bundle FILE --key VKEY`',
  })
  bundle(@Param('kind', new ParseEnumPipe(BUNDLE_KINDS)) kind: BundleKind, @Param('id') id: string): Promise<string> {
    return exportBundle(this.log, this.storage.sql, this.storage.eventStore, kind, id);
  }

  @Get(':kind/:id/public')
  @Public()
  @DecidesPersonalData()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @EventLogRead({
    response: PROOF_BUNDLE_SCHEMA,
    summary:
      'Public proof bundle of a public record (kind: consultation, meeting, publication, work-list-set), no token: each event discloses the fields the public views show (with their salts) and gives the others as salted digests only, so its hash, chain link and inclusion proof in the newest signed checkpoint still verify; events stored before field commitments are opaque (place and hash). Check offline with `civic-ledger verify-bundle FILE --key VKEY`',
  })
  publicBundle(@Param('kind', new ParseEnumPipe(PUBLIC_BUNDLE_KINDS)) kind: PublicBundleKind, @Param('id') id: string): Promise<string> {
    return exportBundle(this.log, this.storage.sql, this.storage.eventStore, kind, id, 'public');
  }
}
