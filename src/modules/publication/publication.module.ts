import { Module } from '@nestjs/common';
import { TallyModule } from '../tally/tally.module.js';
import { PublicationReleaseHandler } from './jobs/publication-release.handler.js';
import { PublicEditionsController } from './public-editions.controller.js';
import { PublicEditions } from './public-editions.js';
import { PublicResultsCache } from './public-results.cache.js';
import { PublicResultsController } from './public-results.controller.js';
import { PublicResultsService } from './public-results.service.js';
import { PublicationController } from './publication.controller.js';
import { PublicationService } from './publication.service.js';
import { ResultsMailer } from './results-mailer.js';
import { ResultsSigner } from './results-signer.js';
import { SigningKeysController } from './signing-keys.controller.js';

/** Publishing final results (now or under embargo), the public results and their verifiable manifest. */
@Module({
  imports: [TallyModule],
  controllers: [
    PublicationController,
    PublicResultsController,
    PublicEditionsController,
    SigningKeysController,
  ],
  providers: [
    PublicationService,
    PublicResultsService,
    PublicResultsCache,
    PublicationReleaseHandler,
    ResultsMailer,
    PublicEditions,
    ResultsSigner,
  ],
  // What the server-rendered public pages read: the published documents, never their own SQL.
  exports: [PublicResultsService, PublicEditions],
})
export class PublicationModule {}
