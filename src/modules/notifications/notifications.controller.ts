import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiConsumes,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller, Public } from '../../common/auth/authenticated.decorator.js';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Page } from '../../common/http/pagination.js';
import {
  ListNotificationsQuery,
  NotificationPreferencesDto,
  UnsubscribeDto,
  UnsubscribePostQuery,
  UnsubscribeQuery,
} from './dto/notification.dto.js';
import {
  ManagedNotificationResponse,
  NotificationPage,
  NotificationPreferencesResponse,
  UnsubscribeResponse,
} from './dto/notification.response.js';
import {
  NotificationLog,
  type NotificationView,
  type RecipientNotificationView,
} from './notification-log.service.js';
import { NotificationErrors } from './notifications.errors.js';
import { type NotificationPreferences, OptOuts, type UnsubscribeResult } from './opt-outs.service.js';
import { unsubscribedPage, unsubscribeQuestionPage } from './templates/unsubscribe-page.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly log: NotificationLog,
    private readonly optOuts: OptOuts,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary:
      "The mails sent to the caller, newest first; organisers: everyone's, filtered (e.g. `?status=failed`)",
  })
  @ApiOkResponse({ type: NotificationPage })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListNotificationsQuery,
  ): Promise<Page<RecipientNotificationView | NotificationView>> {
    return this.log.list(caller, query);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Send a failed mail again (attempts start over)' })
  @ApiAcceptedResponse({ type: ManagedNotificationResponse, description: 'Queued again' })
  @ApiNotFoundResponse({ description: 'notifications.not_found' })
  @ApiConflictResponse({ description: 'notifications.not_retryable: only failed mails are retried' })
  retry(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<NotificationView> {
    return this.log.retry(caller, id);
  }

  @Get('unsubscribe')
  @Public()
  @ApiProduces('text/html')
  @ApiOperation({
    summary:
      "The page behind the link in every reminder: asks, in the recipient's language, and posts back (opening it changes nothing: mail scanners open links)",
  })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'An HTML page with a form that posts back' })
  @ApiBadRequestResponse({ description: 'notifications.invalid_unsubscribe_token' })
  async unsubscribePage(
    @Query() query: UnsubscribeQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const locale = await this.optOuts.linkLocale(query.token);
    void reply.header('content-type', 'text/html; charset=utf-8');
    return unsubscribeQuestionPage(locale);
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @Public()
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOperation({
    summary:
      'Stop scoring reminders (mails the process requires cannot be turned off): `{"token"}` as JSON, or RFC 8058 one-click — `List-Unsubscribe=One-Click` posted to the link, answered with a page',
  })
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(UnsubscribeResponse) } },
      'text/html': { schema: { type: 'string', description: 'One-click: a page saying it is done' } },
    },
  })
  @ApiExtraModels(UnsubscribeResponse)
  @ApiBadRequestResponse({ description: 'notifications.invalid_unsubscribe_token' })
  async unsubscribe(
    @Query() query: UnsubscribePostQuery,
    @Body() dto: UnsubscribeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UnsubscribeResult | string> {
    const oneClick = dto['List-Unsubscribe'] === 'One-Click';
    // One form or the other: `{"token"}` as JSON, or the one-click form posted to the link (token in its query).
    const token = oneClick ? query.token : dto.token;
    if (token === undefined || (oneClick ? dto.token : query.token) !== undefined)
      throw new DomainError(NotificationErrors.invalidUnsubscribeToken);
    const { locale, ...result } = await this.optOuts.unsubscribe(token);
    if (!oneClick) return result;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return unsubscribedPage(locale);
  }
}

/** The caller's own choice of optional mails (every signed-in user has one). */
@ApiTags('notifications')
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly optOuts: OptOuts) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Which optional mails you receive (scoring reminders); the others always go out' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  get(@CurrentCaller() caller: Caller): Promise<NotificationPreferences> {
    return this.optOuts.preferences(caller.userId);
  }

  @Put()
  @Authenticated()
  @ApiOperation({
    summary: 'Turn optional mails on or off, e.g. reminders back on after an unsubscribe link (audited)',
  })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  put(
    @CurrentCaller() caller: Caller,
    @Body() dto: NotificationPreferencesDto,
  ): Promise<NotificationPreferences> {
    return this.optOuts.setPreferences(caller.userId, dto);
  }
}
