import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { toCommunityStreamId } from '../../domain/community';
import {
  changeRequestDecider,
  exemptionFactOf,
  toChangeRequestStreamId,
  toExemptionStreamId,
  toWorkListPolicyStreamId,
  toWorkListSetStreamId,
  workListPolicyDecider,
  workListSetDecider,
  type ChangeRequest,
  type ExemptionFact,
  type WorkListOversightEvent,
  type WorkListPolicy,
  type WorkListSet,
  type WorkListSetEvent,
} from '../../domain/work-item-lists';
import { aggregateStream } from '../command-handling/handle-command';
import { EVENT_STORE, EVENT_TYPE_REGISTRY } from '../command-handling/tokens';
import type { EventStore } from '../ports/event-store.port';
import type { EventTypeRegistry } from '../ports/event-type-registry.port';

export type CommunityFact = Readonly<{ kind: string; districtRef: string }>;

/**
 * The outside facts of the work-list commands, read from the streams. Admission is on the hot path
 * of every department's system, so the list set is kept folded in memory per jurisdiction and only
 * its tail (events after the cached revision; usually none) is read per command: a version
 * published by another instance is seen by the next admission. Community registrations and
 * emergency exemptions are one immutable event each and are cached as read.
 */
@Injectable()
export class WorkListFacts {
  private readonly sets = new Map<string, { state: WorkListSet; revision: bigint }>();
  private readonly communities = new LRUCache<string, CommunityFact>({ max: 100_000 });
  private readonly exemptions = new LRUCache<string, ExemptionFact>({ max: 10_000 });

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
  ) {}

  async listSet(jurisdictionId: string): Promise<WorkListSet> {
    const cached = this.sets.get(jurisdictionId);
    const from = cached === undefined ? 0n : cached.revision + 1n;
    const tail = await this.eventStore.readStream(toWorkListSetStreamId(jurisdictionId), { from });
    if (tail.length === 0) return cached?.state ?? workListSetDecider.initialState();
    let state = cached?.state ?? workListSetDecider.initialState();
    for (const recorded of tail) {
      const event = this.registry.upcast(recorded);
      state = workListSetDecider.evolve(state, { type: event.type, data: event.data } as WorkListSetEvent);
    }
    const revision = tail[tail.length - 1]!.streamRevision;
    const now = this.sets.get(jurisdictionId);
    if (now === undefined || now.revision < revision) this.sets.set(jurisdictionId, { state, revision });
    return state;
  }

  async policy(jurisdictionId: string): Promise<WorkListPolicy> {
    return (await aggregateStream({ eventStore: this.eventStore, registry: this.registry }, workListPolicyDecider.evolve, workListPolicyDecider.initialState, toWorkListPolicyStreamId(jurisdictionId))).state;
  }

  async changeRequest(changeRequestId: string): Promise<ChangeRequest> {
    return (await aggregateStream({ eventStore: this.eventStore, registry: this.registry }, changeRequestDecider.evolve, changeRequestDecider.initialState, toChangeRequestStreamId(changeRequestId))).state;
  }

  async community(communityId: string): Promise<CommunityFact | null> {
    const cached = this.communities.get(communityId);
    if (cached !== undefined) return cached;
    const [first] = await this.eventStore.readStream(toCommunityStreamId(communityId), { maxCount: 1 });
    const data = first?.data as { kind?: unknown; districtRef?: unknown } | undefined;
    if (first?.type !== 'CommunityRegistered' || typeof data?.kind !== 'string' || typeof data.districtRef !== 'string') return null;
    const fact = { kind: data.kind, districtRef: data.districtRef };
    this.communities.set(communityId, fact);
    return fact;
  }

  async exemption(exemptionId: string): Promise<ExemptionFact | null> {
    const cached = this.exemptions.get(exemptionId);
    if (cached !== undefined) return cached;
    const [first] = await this.eventStore.readStream(toExemptionStreamId(exemptionId), { maxCount: 1 });
    const fact = first === undefined ? null : exemptionFactOf({ type: first.type, data: this.registry.upcast(first).data } as WorkListOversightEvent);
    if (fact !== null) this.exemptions.set(exemptionId, fact);
    return fact;
  }
}
