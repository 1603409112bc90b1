import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import {
  ApiIdempotencyKey,
  IdempotencyKey,
  type IdempotentRequest,
  REPLAYED_HEADER,
} from '../../common/http/idempotency.js';
import { CreateRoundDto } from './dto/jury.dto.js';
import { RoundResponse } from './dto/jury.response.js';
import { RoundsService } from './rounds.service.js';
import { type RoundView, toRoundView } from './views.js';

@ApiTags('jury')
@Controller('editions/:id/rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Get()
  @Authenticated({ roles: ['organiser', 'juror'] })
  @ApiOperation({
    summary: "An edition's judging rounds in order (jurors: editions where they sit on a panel)",
  })
  @ApiOkResponse({ type: [RoundResponse] })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<RoundView[]> {
    return (await this.rounds.list(caller, id)).map(toRoundView);
  }

  @Post()
  @Authenticated({ roles: ['organiser'] })
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Add a judging round (numbered 1, 2, … in order), until judging ends' })
  @ApiCreatedResponse({ type: RoundResponse, description: 'A replay answers the same' })
  @ApiConflictResponse({ description: 'editions.wrong_phase' })
  async create(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CreateRoundDto,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RoundView> {
    const outcome = await this.rounds.create(caller, id, dto, idempotent);
    if (outcome.replayed) void reply.header(REPLAYED_HEADER, 'true');
    return outcome.value;
  }
}
