import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PUBLICATION_CATEGORIES } from '../../../domain/publication';
import { COMPLAINT_GROUNDS } from '../../../domain/supervision';
import { CommandRequestDto } from '../command-request.dto';
import { Hash, Id, LocalDate, OneOf, Text } from '../consultation/consultation-fields';

/** Bodies of PD-4 (complaint, investigation, finding, order), SV-15 (veto, appeal) and SV-13 (co-signing, booking). */
export class FileComplaintDto extends CommandRequestDto {
  @Id('pc-1') complaintId!: string;
  @OneOf(COMPLAINT_GROUNDS, 'PD-4: 不及时公布 or 公布不真实') ground!: (typeof COMPLAINT_GROUNDS)[number];
  @OneOf(PUBLICATION_CATEGORIES, 'the category that should have been (truly) published') category!: (typeof PUBLICATION_CATEGORIES)[number];
  @ApiPropertyOptional({ example: 'pub-2026-02-finance', description: 'required when the ground is untrue' }) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/) publicationId?: string;
  @Text(2000, '一季度财务收支未公布') subject!: string;
}

export class OpenInvestigationDto extends CommandRequestDto {}

export class ComplaintFindingDto extends CommandRequestDto {
  @OneOf(['founded', 'unfounded'], 'PD-4 调查核实: the finding') finding!: 'founded' | 'unfounded';
  @Hash('SHA-256 of the investigation report') documentHash!: string;
}

export class OrderPublicationDto extends CommandRequestDto {
  @Id('po-1') orderId!: string;
  @LocalDate('2026-04-15', 'PD-4 责令依法公布: to be published by this date (after the order)') dueBy!: string;
}

export class VetoExpenditureDto extends CommandRequestDto {
  @Id('veto-1') vetoId!: string;
  @Id('exp-2026-031', 'the expenditure (voucher or payment request) vetoed') expenditureRef!: string;
  @Text(300, '超标准招待费') title!: string;
  @Hash() documentHash!: string;
  @Text(4000, '超出村规定标准') grounds!: string;
}

export class AppealVetoDto extends CommandRequestDto {
  @Text(4000, '属必要开支') grounds!: string;
}

export class DecideAppealDto extends CommandRequestDto {
  @Id('m-2026-04', "the villagers'/residents' (representative) meeting; its kind, vote and date are read from its stream") meetingId!: string;
  @Id('veto-appeal', 'the agenda item on which the meeting voted the expenditure (adopted: veto overturned)') itemId!: string;
}

export class CountersignVoucherDto extends CommandRequestDto {
  @Id('exp-2026-031') expenditureRef!: string;
  @OneOf(['signed', 'refused'], 'SV-13: co-signed, or refused with comments') decision!: 'signed' | 'refused';
  @ApiPropertyOptional({ description: 'required when refusing; never public' }) @IsOptional() @IsString() @MaxLength(4000) comments?: string;
}

export class BookVoucherDto extends CommandRequestDto {
  @Id('exp-2026-031') expenditureRef!: string;
  @Hash('SHA-256 of the voucher') documentHash!: string;
}
