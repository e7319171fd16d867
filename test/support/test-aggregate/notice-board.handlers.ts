import { Inject } from '@nestjs/common';
import { Command, CommandHandler, IQueryHandler, Query, QueryHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline } from '../../../src/application/command-handling/command-pipeline';
import type { CommandRequest } from '../../../src/application/command-handling/command-request';
import { aggregateStream, type CommandResult } from '../../../src/application/command-handling/handle-command';
import { EVENT_STORE, EVENT_TYPE_REGISTRY } from '../../../src/application/command-handling/tokens';
import type { EventStore } from '../../../src/application/ports/event-store.port';
import type { EventTypeRegistry } from '../../../src/application/ports/event-type-registry.port';
import { noticeDecider, toNoticeStreamId, type Notice, type PostNotice, type WithdrawNotice } from './notice-board.decider';

export class PostNoticeCommand extends Command<CommandResult> {
  constructor(readonly data: PostNotice['data'], readonly request: CommandRequest) {
    super();
  }
}

export class WithdrawNoticeCommand extends Command<CommandResult> {
  constructor(readonly data: WithdrawNotice['data'], readonly request: CommandRequest) {
    super();
  }
}

export class GetNoticeQuery extends Query<{ notice: Notice; revision: bigint }> {
  constructor(readonly noticeId: string) {
    super();
  }
}

@CommandHandler(PostNoticeCommand)
export class PostNoticeHandler implements ICommandHandler<PostNoticeCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}
  execute({ data, request }: PostNoticeCommand): Promise<CommandResult> {
    return this.pipeline.run(noticeDecider, toNoticeStreamId(data.noticeId), { type: 'PostNotice', data }, request);
  }
}

@CommandHandler(WithdrawNoticeCommand)
export class WithdrawNoticeHandler implements ICommandHandler<WithdrawNoticeCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}
  execute({ data, request }: WithdrawNoticeCommand): Promise<CommandResult> {
    return this.pipeline.run(noticeDecider, toNoticeStreamId(data.noticeId), { type: 'WithdrawNotice', data }, request);
  }
}

/** Test-only read: folds the stream (real read models are projections). */
@QueryHandler(GetNoticeQuery)
export class GetNoticeHandler implements IQueryHandler<GetNoticeQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
  ) {}
  async execute({ noticeId }: GetNoticeQuery): Promise<{ notice: Notice; revision: bigint }> {
    const { state, revision } = await aggregateStream(
      { eventStore: this.eventStore, registry: this.registry },
      noticeDecider.evolve,
      noticeDecider.initialState,
      toNoticeStreamId(noticeId),
    );
    return { notice: state, revision };
  }
}
