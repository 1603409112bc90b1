import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/authenticated.decorator.js';
import { noneMatch } from '../../common/http/conditional.js';
import { PublicEditions } from './public-editions.js';

class PublicEditionDto {
  @ApiProperty({ example: 'magistral-2026' }) slug!: string;
  @ApiProperty({ example: 'Magistral Awards 2026' }) name!: string;
  @ApiProperty({ example: 2026, description: 'The year (UTC) the results were published in' }) year!: number;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ example: 4 }) categoryCount!: number;
  @ApiProperty({ example: 37, description: 'Nominations that went to the jury, ranked or not' })
  nominationCount!: number;
  @ApiProperty({ example: '/api/v1/public/editions/magistral-2026/results' }) resultsUrl!: string;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  manifestSha256!: string;
}

class PublicEditionListDto {
  @ApiProperty({ type: [PublicEditionDto] }) editions!: PublicEditionDto[];
}

@ApiTags('public')
@Controller('public/editions')
export class PublicEditionsController {
  constructor(private readonly editions: PublicEditions) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'The editions whose results are published, newest first (no sign-in; unpublished ones never appear)',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag last read: 304 when unchanged',
  })
  @ApiOkResponse({
    type: PublicEditionListDto,
    description: 'With a strong ETag and Cache-Control: public, max-age=60',
  })
  async list(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const list = await this.editions.list();
    void reply.header('etag', list.etag).header('cache-control', 'public, max-age=60');
    if (noneMatch(ifNoneMatch, list.etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).header('content-type', 'application/json; charset=utf-8').send(list.body);
  }
}
