import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Query,
  Res,
  type StreamableFile,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentCaller } from '../../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../../common/auth/roles.js';
import { AttachmentsService } from './attachments.service.js';
import { AttachmentDownloadQuery, attachmentResponse } from './attachment-response.js';

@ApiTags('nominations')
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':id')
  @Authenticated({ roles: ['entrant', 'organiser'] })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOperation({
    summary:
      'Download an attachment, or view it in the browser with `?disposition=inline` (whoever may see its nomination; anyone else: 404)',
  })
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    description: 'The file, with Content-Disposition, a strong ETag and a sandboxing Content-Security-Policy',
  })
  async download(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AttachmentDownloadQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { attachment, content } = await this.attachments.open(caller, id);
    return attachmentResponse(
      reply,
      { ...attachment, fileName: attachment.originalName, content },
      query.disposition,
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ roles: ['entrant'] })
  @ApiOperation({ summary: 'Remove an attachment while its nomination can still change (members)' })
  @ApiNoContentResponse({ description: 'Removed' })
  async remove(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.attachments.remove(caller, id);
  }
}
