import { DeciderSpecification } from '../../support/decider-specification';
import { IllegalStateError } from '../../../src/domain/shared';
import { consultationDecider } from '../../../src/domain/consultation';
import type * as Cmd from '../../../src/domain/consultation/consultation.commands';
import type { DeadlineStep } from '../../../src/domain/consultation/consultation.events';
import { cmd, ev, planPublished, untilOpinion } from '../consultation.mother';

const spec = DeciderSpecification.for(consultationDecider);
const HASH = 'a'.repeat(64);
// The mother's opinion: implementation start due 2026-04-20, result publication due 2026-03-31.
const missed = (step: DeadlineStep, dueOn: string, on: string) => cmd<Cmd.RecordDeadlineMissed>('RecordDeadlineMissed', { step, dueOn }, on, ['watchdog'], on);
const startedOn = (on: string) => ev('ImplementationStarted', { startDue: '2026-04-20' }, on);

describe('CS-3 / CS-12 judged by when the step was done, so a run as of a past date finds what was due then', () => {
  it('CS-3: started on the due date is in time; started the day after does not undo the miss', () => {
    spec.given([...untilOpinion, planPublished, startedOn('2026-04-20')]).when(missed('implementation_start', '2026-04-20', '2026-04-25'))
      .thenThrows(IllegalStateError, { code: 'CONSULTATION.DEADLINE_MET', rule: 'CS-3' });
    spec.given([...untilOpinion, planPublished, startedOn('2026-04-21')]).when(missed('implementation_start', '2026-04-20', '2026-04-25'))
      .thenContains([{ type: 'ConsultationDeadlineMissed', data: expect.objectContaining({ step: 'implementation_start', dueOn: '2026-04-20', detectedOn: '2026-04-25' }) as never }]);
  });

  it('CS-3: recorded as of a date before a later step of the consultation (the watchdog is not a step)', () => {
    spec.given([...untilOpinion, planPublished, startedOn('2026-05-10')]).when(missed('implementation_start', '2026-04-20', '2026-04-21'))
      .thenContains([{ type: 'ConsultationDeadlineMissed', data: expect.objectContaining({ detectedOn: '2026-04-21' }) as never }]);
  });

  it('CS-12: a result published after its due date does not undo the miss', () => {
    const late = ev('ResultPublished', { publicationId: 'pub-1', covers: 'result', contentHash: HASH, channels: ['notice_board'], postedFrom: '2026-04-05', postedUntil: '2026-04-25', due: '2026-03-31' }, '2026-04-05');
    spec.given([...untilOpinion, late]).when(missed('result_publication', '2026-03-31', '2026-04-02'))
      .thenContains([{ type: 'ConsultationDeadlineMissed', data: expect.objectContaining({ step: 'result_publication', rule: 'CS-12' }) as never }]);
  });
});
