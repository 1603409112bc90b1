import type { Attachment, AttachmentMediaType } from '../entities/attachment.entity.js';

export interface AttachmentView {
  id: string;
  nominationId: string;
  originalName: string;
  mediaType: AttachmentMediaType;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export function toAttachmentView(a: Attachment): AttachmentView {
  return {
    id: a.id,
    nominationId: a.nominationId,
    originalName: a.originalName,
    mediaType: a.mediaType,
    sizeBytes: Number(a.sizeBytes),
    sha256: a.sha256,
    createdAt: a.createdAt.toISOString(),
  };
}
