import type { EntityManager } from 'typeorm';
import type { AttachmentMediaType } from '../entities/attachment.entity.js';

/** The type other modules need with these reads, so that they do not import the nominations' entities. */
export type { AttachmentMediaType } from '../entities/attachment.entity.js';

/**
 * The nominations module's typed reads of attachments for other modules (the juror's view), so that their
 * SQL does not name the `attachments` table.
 */

export interface AttachmentListing {
  id: string;
  originalName: string;
  storedName: string;
  mediaType: AttachmentMediaType;
  sizeBytes: string;
  sha256: string;
  /** 1-based, in upload order: what a blind label counts by. */
  position: string;
}

/** A nomination's attachments in upload order. */
export function attachmentsOf(manager: EntityManager, nominationId: string): Promise<AttachmentListing[]> {
  return manager.query<AttachmentListing[]>(
    `SELECT id, original_name AS "originalName", stored_name AS "storedName", media_type AS "mediaType", size_bytes AS "sizeBytes", sha256,
            row_number() OVER (ORDER BY created_at, id) AS position
       FROM attachments WHERE nomination_id = $1 ORDER BY created_at, id`,
    [nominationId],
  );
}
