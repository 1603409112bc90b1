import { Module } from '@nestjs/common';
import { PublicationModule } from '../publication/publication.module.js';
import { PublicPagesController } from './public-pages.controller.js';
import { PublicPages } from './public-pages.service.js';

/** The public results pages (HTML rendered on the server), read through the publication module. */
@Module({
  imports: [PublicationModule],
  controllers: [PublicPagesController],
  providers: [PublicPages],
})
export class PublicPagesModule {}
