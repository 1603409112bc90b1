import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import {
  ApiIdempotencyKey,
  IdempotencyKey,
  type IdempotentRequest,
  REPLAYED_HEADER,
} from '../../common/http/idempotency.js';
import { AttachmentsService } from './attachments/attachments.service.js';
import type { AttachmentView } from './attachments/attachment-view.js';
import {
  CreateNominationDto,
  EligibilityDto,
  NominationQuery,
  UpdateNominationDto,
} from './dto/nomination.dto.js';
import { AttachmentResponse, NominationListPage, NominationResponse } from './dto/nomination.response.js';
import { EligibilityService } from './eligibility.service.js';
import { ApiVersioned, type ExpectedVersions, IfMatch, withEtag } from '../../common/http/etag.js';
import { NominationList } from './nomination-list.js';
import { type NominationView, NominationsService } from './nominations.service.js';
import { AttachmentErrors } from './nominations.errors.js';

@ApiTags('nominations')
@Controller('nominations')
export class NominationsController {
  constructor(
    private readonly nominations: NominationsService,
    private readonly list: NominationList,
    private readonly eligibility: EligibilityService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Get()
  @Authenticated({ roles: ['entrant', 'organiser'] })
  @ApiOperation({
    summary:
      "Nominations the caller may see (entrants: their companies'; organisers: all), filtered, sorted and paged",
  })
  @ApiOkResponse({ type: NominationListPage })
  async index(
    @CurrentCaller() caller: Caller,
    @Query() query: NominationQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // The database wrote the JSON document; it goes out untouched (see NominationList).
    const body = await this.list.listJson(caller, query);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return body;
  }

  @Post()
  @Authenticated({ roles: ['entrant'] })
  @ApiIdempotencyKey()
  @ApiVersioned({ status: 201 })
  @ApiCreatedResponse({ type: NominationResponse, description: 'With Location; a replay answers the same' })
  @ApiOperation({
    summary: "Start a draft for one of the caller's companies (edition in `nominations`, before it closes)",
  })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateNominationDto,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NominationView> {
    const outcome = await this.nominations.create(caller, dto, idempotent);
    if (outcome.replayed) void reply.header(REPLAYED_HEADER, 'true');
    void reply.header('location', `/api/v1/nominations/${outcome.value.id}`);
    return withEtag(reply, outcome.value);
  }

  @Get(':id')
  @Authenticated({ roles: ['entrant', 'organiser'] })
  @ApiOperation({ summary: 'A nomination with its attachments (404 outside the caller’s view)' })
  @ApiVersioned()
  @ApiOkResponse({ type: NominationResponse })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NominationView> {
    return withEtag(reply, await this.nominations.get(caller, id));
  }

  @Patch(':id')
  @Authenticated({ roles: ['entrant'] })
  @ApiVersioned({ write: true })
  @ApiOperation({ summary: 'Change a draft, or a submitted nomination until nominations close (members)' })
  @ApiOkResponse({ type: NominationResponse })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateNominationDto,
    @IfMatch('nomination') expected: ExpectedVersions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NominationView> {
    return withEtag(reply, await this.nominations.update(caller, id, dto, expected));
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ roles: ['entrant'] })
  @ApiOperation({ summary: 'Delete a draft and its files (members)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.nominations.remove(caller, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Authenticated({ roles: ['entrant'] })
  @ApiVersioned({ write: true })
  @ApiOperation({ summary: 'Submit a complete draft before nominations close; mails a receipt (members)' })
  @ApiOkResponse({ type: NominationResponse })
  async submit(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @IfMatch('nomination') expected: ExpectedVersions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NominationView> {
    return withEtag(reply, await this.nominations.submit(caller, id, expected));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Authenticated({ roles: ['entrant'] })
  @ApiVersioned({ write: true })
  @ApiOperation({ summary: 'Withdraw a submitted nomination while nominations or eligibility run (members)' })
  @ApiOkResponse({ type: NominationResponse })
  async withdraw(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @IfMatch('nomination') expected: ExpectedVersions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NominationView> {
    return withEtag(reply, await this.nominations.withdraw(caller, id, expected));
  }

  @Post(':id/eligibility')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'Decide eligibility (edition in `eligibility`); an ineligible decision needs a reason; the company is mailed',
  })
  @ApiVersioned({ write: true })
  @ApiOkResponse({ type: NominationResponse })
  async decide(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: EligibilityDto,
    @IfMatch('nomination') expected: ExpectedVersions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NominationView> {
    return withEtag(reply, await this.eligibility.decide(caller, id, dto, expected));
  }

  @Post(':id/attachments')
  @Authenticated({ roles: ['entrant'] })
  @ApiIdempotencyKey()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'PDF, PNG or JPEG' } },
    },
  })
  @ApiOperation({
    summary:
      'Attach a PDF, PNG or JPEG (recognised by its bytes) to a nomination that can still change (members)',
  })
  @ApiCreatedResponse({ type: AttachmentResponse, description: 'With Location; a replay answers the same' })
  async upload(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentView> {
    if (!request.isMultipart()) throw new DomainError(AttachmentErrors.notMultipart);
    await this.attachments.authoriseUpload(caller, id);
    const part = await request.file();
    if (!part) throw new DomainError(AttachmentErrors.fileMissing);
    const outcome = await this.attachments.upload(
      caller,
      id,
      { filename: part.filename, file: part.file },
      idempotent,
    );
    if (outcome.replayed) void reply.header(REPLAYED_HEADER, 'true');
    void reply.header('location', `/api/v1/attachments/${outcome.value.id}`);
    return outcome.value;
  }
}
