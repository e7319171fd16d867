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
  isCommunityKindOfList,
  type AssignedCommunity,
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

/** A registered community as its registration records it (null when the stream holds no registration). */
export type CommunityFact = AssignedCommunity;

/**
 * The outside facts of the work-list commands, read from the streams. Admission is on the hot path
 * of every department's system, so the list set is kept folded in memory per jurisdiction and only
 * its tail (events after the cached revision; usually none) is read, one read shared by the commands
 * that arrive while another is in flight: a version published by another instance is seen by the
 * next admission. Community registrations and
 * emergency exemptions are one immutable event each and are cached as read.
 */
@Injectable()
export class WorkListFacts {
  private readonly sets = new Map<string, { state: WorkListSet; revision: bigint; readAt: number }>();
  private trustMs = 0;
  private readonly inFlight = new Map<string, { current: Promise<WorkListSet>; queued: Promise<WorkListSet> | null }>();
  private readonly communities = new LRUCache<string, CommunityFact>({ max: 100_000 });
  private readonly exemptions = new LRUCache<string, ExemptionFact>({ max: 10_000 });

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
  ) {}

  /**
   * The list set as of now. Concurrent callers share reads: while one tail read is in flight, the
   * callers that arrive meanwhile wait for one more read that starts after it (so none of them
   * misses an event committed before it asked), and that read serves them all.
   */
  listSet(jurisdictionId: string): Promise<WorkListSet> {
    const cached = this.sets.get(jurisdictionId);
    if (cached !== undefined && this.trustMs > 0 && Date.now() - cached.readAt < this.trustMs) return Promise.resolve(cached.state);
    const flight = this.inFlight.get(jurisdictionId);
    if (flight === undefined) return this.startRead(jurisdictionId);
    if (flight.queued === null) {
      flight.queued = flight.current.catch(() => undefined).then(() => this.startRead(jurisdictionId));
    }
    return flight.queued;
  }

  /**
   * Off by default (0: every command reads the tail). A deployment with one writer instance, or one
   * that accepts that a version published by another instance in the last `ms` is seen that much
   * later, may skip the read: versions take effect on or after their publication date, so only a
   * version in force from today can be missed, and each admission records the list version it used.
   */
  trustCacheFor(ms: number): void {
    this.trustMs = Math.max(0, ms);
  }

  private startRead(jurisdictionId: string): Promise<WorkListSet> {
    const current: Promise<WorkListSet> = this.readTail(jurisdictionId).finally(() => {
      const flight = this.inFlight.get(jurisdictionId);
      if (flight?.current === current && flight.queued === null) this.inFlight.delete(jurisdictionId);
    });
    const flight = this.inFlight.get(jurisdictionId);
    if (flight === undefined) this.inFlight.set(jurisdictionId, { current, queued: null });
    else {
      flight.current = current;
      flight.queued = null;
    }
    return current;
  }

  private async readTail(jurisdictionId: string): Promise<WorkListSet> {
    const cached = this.sets.get(jurisdictionId);
    const from = cached === undefined ? 0n : cached.revision + 1n;
    const readAt = Date.now();
    const tail = await this.eventStore.readStream(toWorkListSetStreamId(jurisdictionId), { from });
    if (tail.length === 0) {
      if (cached !== undefined) this.sets.set(jurisdictionId, { ...cached, readAt: Math.max(cached.readAt, readAt) });
      return cached?.state ?? workListSetDecider.initialState();
    }
    let state = cached?.state ?? workListSetDecider.initialState();
    for (const recorded of tail) {
      const event = this.registry.upcast(recorded);
      state = workListSetDecider.evolve(state, { type: event.type, data: event.data } as WorkListSetEvent);
    }
    const revision = tail[tail.length - 1]!.streamRevision;
    const now = this.sets.get(jurisdictionId);
    if (now === undefined || now.revision < revision) this.sets.set(jurisdictionId, { state, revision, readAt });
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
    if (first?.type !== 'CommunityRegistered') return null;
    const data = this.registry.upcast(first).data as { kind?: unknown; districtRef?: unknown; timeZone?: unknown };
    if (!isCommunityKindOfList(data.kind) || typeof data.districtRef !== 'string' || typeof data.timeZone !== 'string') return null;
    const fact = { kind: data.kind, districtRef: data.districtRef, timeZone: data.timeZone };
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
