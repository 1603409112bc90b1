import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller, Public } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import type { Page } from '../../common/http/pagination.js';
import {
  ListNotificationsQuery,
  NotificationPreferencesDto,
  UnsubscribeDto,
  UnsubscribeQuery,
} from './dto/notification.dto.js';
import {
  NotificationLog,
  type NotificationView,
  type RecipientNotificationView,
} from './notification-log.service.js';
import { type NotificationPreferences, OptOuts, type UnsubscribeResult } from './opt-outs.service.js';

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
  @ApiAcceptedResponse({ description: 'Queued again' })
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
  @ApiOperation({
    summary:
      'Stop scoring reminders: the signed link in every reminder (mails the process requires cannot be turned off)',
  })
  @ApiBadRequestResponse({ description: 'notifications.invalid_unsubscribe_token' })
  unsubscribeByLink(@Query() query: UnsubscribeQuery): Promise<UnsubscribeResult> {
    return this.optOuts.unsubscribe(query.token);
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'The same, with the token in a JSON body' })
  @ApiBadRequestResponse({ description: 'notifications.invalid_unsubscribe_token' })
  unsubscribe(@Body() dto: UnsubscribeDto): Promise<UnsubscribeResult> {
    return this.optOuts.unsubscribe(dto.token);
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
  get(@CurrentCaller() caller: Caller): Promise<NotificationPreferences> {
    return this.optOuts.preferences(caller.userId);
  }

  @Put()
  @Authenticated()
  @ApiOperation({
    summary: 'Turn optional mails on or off, e.g. reminders back on after an unsubscribe link (audited)',
  })
  put(
    @CurrentCaller() caller: Caller,
    @Body() dto: NotificationPreferencesDto,
  ): Promise<NotificationPreferences> {
    return this.optOuts.setPreferences(caller.userId, dto);
  }
}
