import { Module } from '@nestjs/common';
import { ReportsController } from '../http/reports/reports.controller';
import { MeetingScopes } from '../http/meetings/meeting-scopes';
import { TransparencyModule } from './transparency.module';

/** Compliance reports over the event log (docs/reports.md). */
@Module({
  imports: [TransparencyModule],
  controllers: [ReportsController],
  providers: [MeetingScopes],
})
export class ReportsModule {}
