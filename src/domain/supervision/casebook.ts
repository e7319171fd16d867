import { isIsoDate, localDate, NotFoundError, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable } from '../rules';
import type { CasebookCommand } from './supervision.commands';
import type { CasebookEvent } from './casebook.events';
import { SupervisionRuleViolation, SupervisionStepNotAllowed, supervisionInvalid } from './supervision.errors';
import { activeCommitteesOn, type Supervision } from './supervision.state';
import { SUPERVISION_DOMAINS } from './supervision.vocabulary';

const HASH = /^(sha256:)?[0-9a-f]{64}$/;

const required = (fields: Record<string, string | undefined>): FieldProblem[] =>
  Object.entries(fields).filter(([, v]) => v !== undefined && v.trim() === '').map(([field]) => ({ field, message: 'required' }));

const committeeInOffice = (state: Supervision, today: string, rule: string) => {
  const committee = activeCommitteesOn(state, today)[0];
  if (committee === undefined) throw new SupervisionStepNotAllowed('NO_ACTIVE_COMMITTEE', `No supervision committee is in office on ${today}`, rule);
  return committee;
};

/**
 * The committee's casebook (SV-11, SV-12): inquiries (质询) raised and answered, findings tagged with
 * a supervision domain, rectification requests with a due date, the report and the closure.
 */
export const decideCasebook = (command: CasebookCommand, state: Supervision): CasebookEvent[] => {
  const d = command.data;
  const today = localDate(command.metadata.occurredAt, d.timeZone);
  const cb = state.casebook;
  switch (command.type) {
    case 'RaiseInquiry': {
      const c = command.data;
      if (cb.inquiries[c.inquiryId] !== undefined) return [];
      const problems = required({ subject: c.subject, question: c.question });
      if (!SUPERVISION_DOMAINS.includes(c.domain)) problems.push({ field: 'domain', message: `one of ${SUPERVISION_DOMAINS.join(', ')} (SV-11)` });
      if (c.answerDueBy !== undefined && !isIsoDate(c.answerDueBy)) problems.push({ field: 'answerDueBy', message: 'must be a date YYYY-MM-DD' });
      if (problems.length > 0) throw supervisionInvalid(problems);
      const committee = committeeInOffice(state, today, 'SV-12');
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'InquiryRaised', data: { communityId: c.communityId, committeeId: committee.committeeId, inquiryId: c.inquiryId, domain: c.domain, subject: c.subject.trim(), question: c.question.trim(), answerDueBy: c.answerDueBy ?? null, occurredAt } }];
    }
    case 'AnswerInquiry': {
      const c = command.data;
      const inquiry = cb.inquiries[c.inquiryId];
      if (inquiry === undefined) throw new NotFoundError('SUPERVISION.UNKNOWN_INQUIRY', `No inquiry ${c.inquiryId}`);
      if (inquiry === 'answered') throw new SupervisionStepNotAllowed('INQUIRY_ALREADY_ANSWERED', `Inquiry ${c.inquiryId} is answered`, 'SV-12');
      const problems = required({ answer: c.answer });
      if (problems.length > 0) throw supervisionInvalid(problems);
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'InquiryAnswered', data: { communityId: c.communityId, inquiryId: c.inquiryId, answer: c.answer.trim(), occurredAt } }];
    }
    case 'RecordFinding': {
      const c = command.data;
      if (cb.findings.includes(c.findingId)) return [];
      const problems = required({ title: c.title });
      if (!SUPERVISION_DOMAINS.includes(c.domain)) problems.push({ field: 'domain', message: `one of ${SUPERVISION_DOMAINS.join(', ')} (SV-11)` });
      if (!HASH.test(c.documentHash)) problems.push({ field: 'documentHash', message: 'a SHA-256 hex digest' });
      if (problems.length > 0) throw supervisionInvalid(problems);
      if (c.inquiryId !== undefined && cb.inquiries[c.inquiryId] === undefined) throw new NotFoundError('SUPERVISION.UNKNOWN_INQUIRY', `No inquiry ${c.inquiryId}`);
      const committee = committeeInOffice(state, today, 'SV-11');
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'FindingRecorded', data: { communityId: c.communityId, committeeId: committee.committeeId, findingId: c.findingId, domain: c.domain, title: c.title.trim(), documentHash: c.documentHash, inquiryId: c.inquiryId ?? null, occurredAt } }];
    }
    case 'RequestRectification': {
      const c = command.data;
      if (cb.rectifications[c.rectificationId] !== undefined) return [];
      if (!cb.findings.includes(c.findingId)) throw new NotFoundError('SUPERVISION.UNKNOWN_FINDING', `No finding ${c.findingId}`);
      const problems = required({ requirement: c.requirement });
      if (!isIsoDate(c.dueBy)) problems.push({ field: 'dueBy', message: 'must be a date YYYY-MM-DD' });
      if (problems.length > 0) throw supervisionInvalid(problems);
      if (c.dueBy <= today) throw new SupervisionRuleViolation('RECTIFICATION_DUE_IN_PAST', `dueBy ${c.dueBy} must lie after ${today}`, 'SV-12');
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'RectificationRequested', data: { communityId: c.communityId, findingId: c.findingId, rectificationId: c.rectificationId, requirement: c.requirement.trim(), dueBy: c.dueBy, occurredAt } }];
    }
    case 'ReportRectification': {
      const c = command.data;
      const status = cb.rectifications[c.rectificationId];
      if (status === undefined) throw new NotFoundError('SUPERVISION.UNKNOWN_RECTIFICATION', `No rectification ${c.rectificationId}`);
      if (status === 'closed') throw new SupervisionStepNotAllowed('RECTIFICATION_CLOSED', `Rectification ${c.rectificationId} is closed`);
      if (!HASH.test(c.reportHash)) throw supervisionInvalid([{ field: 'reportHash', message: 'a SHA-256 hex digest' }]);
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'RectificationReported', data: { communityId: c.communityId, rectificationId: c.rectificationId, reportHash: c.reportHash, reportedOn: today, occurredAt } }];
    }
    case 'CloseRectification': {
      const c = command.data;
      const status = cb.rectifications[c.rectificationId];
      if (status === undefined) throw new NotFoundError('SUPERVISION.UNKNOWN_RECTIFICATION', `No rectification ${c.rectificationId}`);
      if (status === 'closed') return [];
      if (c.outcome === 'rectified' && status !== 'reported') throw new SupervisionStepNotAllowed('NOT_REPORTED', `Rectification ${c.rectificationId} has no report to accept`);
      if (c.outcome !== 'rectified' && c.outcome !== 'not_rectified') throw supervisionInvalid([{ field: 'outcome', message: 'rectified or not_rectified' }]);
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'RectificationClosed', data: { communityId: c.communityId, rectificationId: c.rectificationId, outcome: c.outcome, closedOn: today, occurredAt } }];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
};
