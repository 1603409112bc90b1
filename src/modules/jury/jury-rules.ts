import type { AttachmentMediaType } from '../nominations/attachments/attachment.queries.js';
import type { NominationStatus } from '../nominations/nomination.queries.js';
import { ADMITTED_STATUSES } from '../nominations/nomination-status.js';

/** Nominations the jury judges; the nominations module owns the list (nomination-status.ts). */
export { ADMITTED_STATUSES };

/** Statuses of the nominations still in the running in a round: every admitted one in round 1, the advanced ones later. */
export function statusesJudgedInRound(roundNumber: number): readonly NominationStatus[] {
  return roundNumber <= 1 ? ADMITTED_STATUSES : ADMITTED_STATUSES.filter((s) => s !== 'eligible');
}

const EXTENSIONS: Record<AttachmentMediaType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** What a juror of a blind edition sees instead of the uploader's file name: "Attachment 2.pdf". */
export function blindAttachmentLabel(position: number, mediaType: AttachmentMediaType): string {
  return `Attachment ${position}.${EXTENSIONS[mediaType]}`;
}
