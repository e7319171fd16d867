import { Module } from '@nestjs/common';
import { AuditPagesController } from './audit-pages.controller';
import { ConsultationModule } from '../nest/consultation.module';
import { MeetingsModule } from '../nest/meetings.module';
import { SupervisionModule } from '../nest/supervision.module';
import { WorkItemListsModule } from '../nest/work-item-lists.module';
import { TransparencyModule } from '../nest/transparency.module';

/** The audit pages under /audit (docs/audit-pages.md): server-rendered HTML over the read models. */
@Module({
  imports: [MeetingsModule, SupervisionModule, ConsultationModule, WorkItemListsModule, TransparencyModule],
  controllers: [AuditPagesController],
})
export class AuditPagesModule {}
