import { ApiProperty } from '@nestjs/swagger';

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

class CheckUp {
  @ApiProperty({ enum: ['up'], description: 'A 200 means every check is up; a 503 problem lists those down' })
  status!: 'up';
}

class ReadinessChecks {
  @ApiProperty({ type: CheckUp })
  database!: CheckUp;

  @ApiProperty({ type: CheckUp })
  redis!: CheckUp;
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ type: ReadinessChecks })
  checks!: ReadinessChecks;
}
