import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentCaller } from '../../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../../common/auth/roles.js';
import { AttachmentsService } from './attachments.service.js';
import { contentDisposition } from './file-names.js';

@ApiTags('nominations')
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':id')
  @Authenticated({ roles: ['entrant', 'organiser'] })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOperation({ summary: 'Download an attachment (whoever may see its nomination; anyone else: 404)' })
  async download(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { attachment, content } = await this.attachments.open(caller, id);
    void reply
      .header('etag', `"${attachment.sha256}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox");
    return new StreamableFile(content, {
      type: attachment.mediaType,
      length: attachment.sizeBytes,
      disposition: contentDisposition(attachment.originalName),
    });
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ roles: ['entrant'] })
  @ApiOperation({ summary: 'Remove an attachment while its nomination can still change (members)' })
  async remove(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.attachments.remove(caller, id);
  }
}
