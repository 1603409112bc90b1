import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/authenticated.decorator.js';
import { SigningKeysResponse } from './dto/public-results.response.js';
import { ResultsSigner } from './results-signer.js';

const CACHE = 'public, max-age=300';

/**
 * The public keys that sign results manifests, for anyone checking a signature: under the API and at the
 * well-known address beside the site (outside the API prefix: see app.setup.ts).
 */
@ApiTags('public')
@Controller()
export class SigningKeysController {
  constructor(private readonly signer: ResultsSigner) {}

  @Get('public/signing-keys')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiOperation({
    summary:
      'The public keys that sign results manifests, with their validity (also at /.well-known/magistral-signing-keys.json)',
  })
  @ApiOkResponse({ type: SigningKeysResponse })
  async keys(): Promise<SigningKeysResponse> {
    return { keys: await this.signer.publishedKeys() };
  }

  @Get('.well-known/magistral-signing-keys.json')
  @Public()
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: 'The same keys at their well-known address (outside /api/v1)' })
  @ApiOkResponse({ type: SigningKeysResponse })
  async wellKnown(): Promise<SigningKeysResponse> {
    return this.keys();
  }
}
