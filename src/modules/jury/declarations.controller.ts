import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import type { Page } from '../../common/http/pagination.js';
import {
  type DeclarationView,
  DeclarationsService,
  type ParticipatingCompany,
} from './declarations.service.js';
import { DeclarationCompaniesQuery } from './dto/jury.dto.js';
import { DeclarationResponse, ParticipatingCompanyPage } from './dto/jury.response.js';

const NOT_ON_PANEL =
  'No such edition, a draft one, or you sit on none of its panels (the same answer for all three)';

@ApiTags('jury')
@Controller('me/declarations')
export class DeclarationsController {
  constructor(private readonly declarations: DeclarationsService) {}

  @Get(':editionId')
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary:
      'Your declaration for an edition: employer, conflicts of interest, and whether it is complete (the terms and confidentiality accepted with POST /me/declarations/{editionId}/terms, then confirmed with POST /editions/{id}/conflicts/confirm); nominations open only once it is',
  })
  @ApiOkResponse({ type: DeclarationResponse })
  @ApiNotFoundResponse({ description: NOT_ON_PANEL })
  state(
    @CurrentCaller() caller: Caller,
    @Param('editionId', new ParseUUIDPipe()) editionId: string,
  ): Promise<DeclarationView> {
    return this.declarations.state(caller, editionId);
  }

  @Post(':editionId/terms')
  @HttpCode(200)
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary:
      'Accept the terms and confidentiality of the edition (audited; accepting again keeps the first moment): needed before confirming the declaration',
  })
  @ApiOkResponse({ type: DeclarationResponse })
  @ApiNotFoundResponse({ description: NOT_ON_PANEL })
  @ApiConflictResponse({ description: 'editions.wrong_phase: the declaration is closed' })
  acceptTerms(
    @CurrentCaller() caller: Caller,
    @Param('editionId', new ParseUUIDPipe()) editionId: string,
  ): Promise<DeclarationView> {
    return this.declarations.acceptTerms(caller, editionId);
  }

  @Get(':editionId/companies')
  @Authenticated({ roles: ['juror'] })
  @ApiOperation({
    summary:
      'The companies taking part in the edition, by name, to declare conflicts with (POST /conflicts) or name as your employer (PUT /me/employer): one list for the whole edition, never linked to nominations or categories',
  })
  @ApiOkResponse({ type: ParticipatingCompanyPage })
  @ApiNotFoundResponse({ description: NOT_ON_PANEL })
  @ApiConflictResponse({ description: 'editions.wrong_phase: conflicts are no longer declared' })
  companies(
    @CurrentCaller() caller: Caller,
    @Param('editionId', new ParseUUIDPipe()) editionId: string,
    @Query() query: DeclarationCompaniesQuery,
  ): Promise<Page<ParticipatingCompany>> {
    return this.declarations.companies(caller, editionId, query);
  }
}
