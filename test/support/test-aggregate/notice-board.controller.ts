import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { HttpReply } from '../../../src/infrastructure/http/http-types';
import type { CommandRequest } from '../../../src/application/command-handling/command-request';
import { TestNotFound } from '../test-errors';
import { Public, RequireRoles, ScopeFrom } from '../../../src/infrastructure/auth/auth.decorators';
import { CommandEndpoint, PublicReadEndpoint, commandAccepted, type CommandAcceptedDto } from '../../../src/infrastructure/http/command-response';
import { CommandRequestFrom } from '../../../src/infrastructure/http/command-request.decorator';
import { CommandRequestDto } from '../../../src/infrastructure/http/command-request.dto';
import { GetNoticeQuery, PostNoticeCommand, WithdrawNoticeCommand } from './notice-board.handlers';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class PostNoticeDto extends CommandRequestDto {
  @Matches(ID) noticeId!: string;
  @Matches(ID) communityId!: string;
  @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @IsString() @MaxLength(10_000) body!: string;
  @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(40, { each: true }) tags!: string[];
  @IsInt() @Min(1) @Max(5) priority!: number;
}

export class WithdrawNoticeDto extends CommandRequestDto {
  @IsString() @MaxLength(2000) reason!: string;
}

/** The community a notice belongs to, for the role check on its later steps. */
const communityOfNotice = ScopeFrom('community', async (request, moduleRef) => {
  const { notice } = await moduleRef.get(QueryBus, { strict: false }).execute(new GetNoticeQuery(String(request.params['id'])));
  if (notice.status === 'None') throw new TestNotFound('NOTICE.NOT_FOUND', `no notice ${String(request.params['id'])}`);
  return notice.communityId;
});

@ApiTags('notices (test aggregate)')
@Controller('notices')
export class NoticeBoardController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @CommandEndpoint()
  @RequireRoles('villagers_committee@community')
  async post(@Body() dto: PostNoticeDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { occurredAt: _, ...data } = dto;
    return commandAccepted(res, await this.commands.execute(new PostNoticeCommand(data, request)));
  }

  @Post(':id/withdrawals')
  @CommandEndpoint()
  @RequireRoles('villagers_committee@community')
  @communityOfNotice
  async withdraw(@Param('id') id: string, @Body() dto: WithdrawNoticeDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return commandAccepted(res, await this.commands.execute(new WithdrawNoticeCommand({ noticeId: id, reason: dto.reason }, request)));
  }

  @Public()
  @Get(':id')
  @PublicReadEndpoint()
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: HttpReply): Promise<{ noticeId: string; status: string; title?: string }> {
    const { notice, revision } = await this.queries.execute(new GetNoticeQuery(id));
    if (notice.status === 'None') throw new TestNotFound('NOTICE.NOT_FOUND', `no notice ${id}`);
    res.header('ETag', `"${revision.toString()}"`);
    return { noticeId: id, status: notice.status, title: notice.title };
  }
}
