import type { RecordedEvent } from '../../domain/shared';

/**
 * The events of each consultation, kept until the end of the pass for the procedure-compliance
 * checker (which judges a consultation from its whole stream), plus the locality policy versions it
 * re-derives the policy in force from. Stored without hashes; bounded by consultation events.
 */
export class ConsultationBuffer {
  readonly policies: RecordedEvent[] = [];
  readonly streams = new Map<string, RecordedEvent[]>();

  add(e: RecordedEvent): void {
    if (e.type === 'LocalityPolicyVersionAdopted') {
      this.policies.push(e);
      return;
    }
    if (!e.stream.startsWith('consultation-')) return;
    let list = this.streams.get(e.stream);
    if (list === undefined) {
      list = [];
      this.streams.set(e.stream, list);
    }
    list.push({ ...e, prevHash: '', hash: '' });
  }
}
