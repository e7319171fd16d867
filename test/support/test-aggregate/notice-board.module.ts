import { Module } from '@nestjs/common';
import { NoticeBoardController } from './notice-board.controller';
import { GetNoticeHandler, PostNoticeHandler, WithdrawNoticeHandler } from './notice-board.handlers';

const COMMAND_HANDLERS = [PostNoticeHandler, WithdrawNoticeHandler];
const QUERY_HANDLERS = [GetNoticeHandler];

/** The test aggregate's module, added to the app with createApp({ extraModules: [NoticeBoardModule] }). */
@Module({
  controllers: [NoticeBoardController],
  providers: [...COMMAND_HANDLERS, ...QUERY_HANDLERS],
})
export class NoticeBoardModule {}
