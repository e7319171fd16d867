import { Module } from '@nestjs/common';
import type { ProcedureDefinition } from '../../../src/infrastructure/procedures/procedure-definition';
import { NoticeBoardController } from './notice-board.controller';
import type { NoticeEvent } from './notice-board.decider';
import { GetNoticeHandler, PostNoticeHandler, WithdrawNoticeHandler } from './notice-board.handlers';

const COMMAND_HANDLERS = [PostNoticeHandler, WithdrawNoticeHandler];
const QUERY_HANDLERS = [GetNoticeHandler];

/** The test aggregate's module (DI wiring). */
@Module({
  controllers: [NoticeBoardController],
  providers: [...COMMAND_HANDLERS, ...QUERY_HANDLERS],
})
export class NoticeBoardModule {}

/** The test aggregate as a procedure, added with createApp({ extraProcedures: [noticeBoardProcedure] }). */
export const noticeBoardProcedure: ProcedureDefinition = {
  name: 'notice board (tests)',
  events: [{ file: 'test/support/test-aggregate/notice-board.decider.ts', schema: { NoticePosted: 1, NoticeWithdrawn: 1 } satisfies Record<NoticeEvent['type'], number> }],
  projections: [],
  module: NoticeBoardModule,
};
