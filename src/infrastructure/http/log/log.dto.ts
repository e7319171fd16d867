import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const SIZE = /^(0|[1-9][0-9]{0,18})$/;

export class InclusionQueryDto {
  @ApiPropertyOptional({ description: 'the event, by id' }) @IsOptional() @IsUUID() eventId?: string;
  @ApiPropertyOptional({ example: '42', description: 'or by global position' }) @IsOptional() @Matches(SIZE) position?: string;
  @ApiPropertyOptional({ example: '1000', description: 'tree size; default: the newest signed checkpoint' }) @IsOptional() @Matches(SIZE) treeSize?: string;
}

export class ConsistencyQueryDto {
  @ApiProperty({ example: '10' }) @Matches(SIZE) from!: string;
  @ApiProperty({ example: '20' }) @Matches(SIZE) to!: string;
}

export class CheckpointQueryDto {
  @ApiPropertyOptional({ example: '20', description: 'a checkpoint of this tree size; default the newest' }) @IsOptional() @Matches(SIZE) treeSize?: string;
}

export class RegisterWitnessDto {
  @ApiProperty({ example: 'supervision.example/c-17' }) @IsString() @Matches(/^[^\s+]{1,200}$/) name!: string;
  @ApiProperty({ description: 'C2SP verifier key of type 0x04 (Ed25519 cosigner): name+keyid+base64' }) @IsString() @MaxLength(400) verifierKey!: string;
}

export class CosignatureDto {
  @ApiProperty({ example: '20', description: 'tree size of the checkpoint the witness cosigned' }) @Matches(SIZE) treeSize!: string;
  @ApiProperty({ description: 'the cosignature/v1 note signature line: "— <witness name> <base64>"' }) @IsString() @MaxLength(400) cosignature!: string;
}
