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
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
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
import { ApiVersioned, type ExpectedVersions, IfMatch, withEtag } from '../../common/http/etag.js';
import type { Page } from '../../common/http/pagination.js';
import {
  type AddMemberOutcome,
  CompaniesService,
  type CompanySummary,
  type CompanyView,
  type PendingInvitationView,
} from './companies.service.js';
import {
  AcceptCompanyInvitationDto,
  AddMemberDto,
  CompanyQuery,
  CreateCompanyDto,
  UpdateCompanyDto,
} from './dto/company.dto.js';
import {
  AddMemberResponse,
  CompanyResponse,
  CompanySummaryPage,
  PendingInvitationResponse,
} from './dto/company.response.js';

@ApiTags('companies')
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @Authenticated({ roles: ['entrant', 'organiser'] })
  @ApiOperation({ summary: "The caller's companies (organisers: every company)" })
  @ApiOkResponse({ type: CompanySummaryPage })
  list(@CurrentCaller() caller: Caller, @Query() query: CompanyQuery): Promise<Page<CompanySummary>> {
    return this.companies.list(caller, query);
  }

  @Post()
  @Authenticated({ roles: ['entrant'] })
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Create a company; the caller becomes its owner' })
  @ApiCreatedResponse({ type: CompanyResponse, description: 'With Location; a replay answers the same' })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateCompanyDto,
    @IdempotencyKey() idempotent: IdempotentRequest | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanyView> {
    const outcome = await this.companies.create(caller, dto, idempotent);
    if (outcome.replayed) void reply.header(REPLAYED_HEADER, 'true');
    void reply.header('location', `/api/v1/companies/${outcome.value.id}`);
    return outcome.value;
  }

  // Declared before ':id' routes so that "invitations" is never taken for a company id.
  @Post('invitations/accept')
  @HttpCode(200)
  // The mailed token proves the address: someone who registered through the link joins and is verified by it.
  @Authenticated({ allowUnverified: true })
  @ApiOperation({
    summary:
      'Join a company with the token from its invitation mail (signed in with the invited e-mail address)',
  })
  @ApiOkResponse({ type: CompanyResponse })
  accept(@CurrentCaller() caller: Caller, @Body() dto: AcceptCompanyInvitationDto): Promise<CompanyView> {
    return this.companies.acceptInvitation(caller, dto.token);
  }

  @Get(':id')
  @Authenticated({ roles: ['entrant', 'organiser'] })
  @ApiOperation({ summary: 'A company with its members (members and organisers; anyone else: 404)' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiVersioned()
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanyView> {
    return withEtag(reply, await this.companies.get(caller, id));
  }

  @Patch(':id')
  @Authenticated({ roles: ['entrant', 'organiser'] })
  @ApiOperation({ summary: 'Change the company (owners and organisers)' })
  @ApiOkResponse({ type: CompanyResponse })
  @ApiVersioned({ write: true })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateCompanyDto,
    @IfMatch('company') expected: ExpectedVersions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanyView> {
    return withEtag(reply, await this.companies.update(caller, id, dto, expected));
  }

  @Post(':id/members')
  @HttpCode(202)
  @Authenticated({ roles: ['entrant'] })
  @ApiOperation({
    summary:
      'Invite someone by e-mail (owners). Always 202 and an invitation mail, whether or not the address has an account: nobody joins without accepting',
  })
  @ApiAcceptedResponse({ type: AddMemberResponse })
  @ApiTooManyRequestsResponse({ description: 'companies.too_many_invitations, with Retry-After' })
  addMember(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AddMemberDto,
  ): Promise<AddMemberOutcome> {
    return this.companies.addMember(caller, id, dto);
  }

  @Post(':id/invitations/:invitationId/resend')
  @HttpCode(200)
  @Authenticated({ roles: ['entrant'] })
  @ApiOperation({
    summary:
      'Mail a pending invitation again (owners): a new token, the previous link stops working, a new expiry; once per cool-down',
  })
  @ApiOkResponse({ type: PendingInvitationResponse })
  @ApiNotFoundResponse({ description: 'companies.not_found or companies.invitation_not_found' })
  @ApiConflictResponse({
    description:
      'companies.invitation_accepted, companies.invitation_revoked or companies.invitation_expired',
  })
  @ApiTooManyRequestsResponse({
    description: 'companies.invitation_resent_recently or companies.too_many_invitations, with Retry-After',
  })
  resendInvitation(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('invitationId', new ParseUUIDPipe()) invitationId: string,
  ): Promise<PendingInvitationView> {
    return this.companies.resendInvitation(caller, id, invitationId);
  }

  @Delete(':id/invitations/:invitationId')
  @HttpCode(204)
  @Authenticated({ roles: ['entrant'] })
  @ApiOperation({
    summary: 'Revoke a pending invitation (owners): its link stops working at once',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'companies.not_found or companies.invitation_not_found' })
  @ApiConflictResponse({
    description:
      'companies.invitation_accepted, companies.invitation_revoked or companies.invitation_expired',
  })
  async revokeInvitation(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('invitationId', new ParseUUIDPipe()) invitationId: string,
  ): Promise<void> {
    await this.companies.revokeInvitation(caller, id, invitationId);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @Authenticated({ roles: ['entrant'] })
  @ApiOperation({ summary: 'Remove a member (owners), or leave the company (oneself); the last owner stays' })
  @ApiNoContentResponse({ description: 'Removed' })
  async removeMember(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<void> {
    await this.companies.removeMember(caller, id, userId);
  }
}
