import { TestIllegalState, TestNotFound, TestRuleViolation } from '../test-errors';
import { assertNever, type Command, type Decider, type Event } from '../../../src/domain/shared';

/** A small test aggregate for the HTTP e2e suites: a community notice that is posted and withdrawn. */
export type NoticePosted = Event<'NoticePosted', { noticeId: string; communityId: string; title: string; body: string; tags: string[]; priority: number }>;
export type NoticeWithdrawn = Event<'NoticeWithdrawn', { noticeId: string; reason: string }>;
export type NoticeEvent = NoticePosted | NoticeWithdrawn;

export type PostNotice = Command<'PostNotice', { noticeId: string; communityId: string; title: string; body: string; tags: string[]; priority: number }>;
export type WithdrawNotice = Command<'WithdrawNotice', { noticeId: string; reason: string }>;
export type NoticeCommand = PostNotice | WithdrawNotice;

export type Notice =
  | { readonly status: 'None' }
  | { readonly status: 'Posted'; readonly communityId: string; readonly title: string }
  | { readonly status: 'Withdrawn'; readonly communityId: string; readonly title: string };

export const toNoticeStreamId = (noticeId: string): string => `notice-${noticeId}`;

const evolve = (state: Notice, event: NoticeEvent): Notice => {
  switch (event.type) {
    case 'NoticePosted':
      return { status: 'Posted', communityId: event.data.communityId, title: event.data.title };
    case 'NoticeWithdrawn':
      return state.status === 'Posted' ? { ...state, status: 'Withdrawn' } : state;
    default:
      return assertNever(event);
  }
};

const decide = (command: NoticeCommand, state: Notice): NoticeEvent[] => {
  switch (command.type) {
    case 'PostNotice':
      if (state.status !== 'None') throw new TestIllegalState('NOTICE.ALREADY_POSTED', `notice ${command.data.noticeId} is already posted`);
      return [{ type: 'NoticePosted', data: { ...command.data } }];
    case 'WithdrawNotice':
      if (state.status === 'None') throw new TestNotFound('NOTICE.NOT_FOUND', `no notice ${command.data.noticeId}`);
      if (state.status === 'Withdrawn') throw new TestIllegalState('NOTICE.ALREADY_WITHDRAWN', `notice ${command.data.noticeId} is already withdrawn`);
      // A test-only rule so the 422 mapping has something to break.
      if (command.data.reason.trim().length < 5) throw new TestRuleViolation('NOTICE.REASON_TOO_SHORT', 'a withdrawal needs a reason of 5 characters or more', 'TEST-1');
      return [{ type: 'NoticeWithdrawn', data: { ...command.data } }];
    default:
      return assertNever(command);
  }
};

export const noticeDecider: Decider<Notice, NoticeCommand, NoticeEvent> = { initialState: () => ({ status: 'None' }), evolve, decide };
