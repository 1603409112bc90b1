import type { NominationStatus } from '../nominations/entities/nomination.entity.js';
import type { AttachmentMediaType } from '../nominations/entities/attachment.entity.js';

/**
 * Nominations the jury judges: admitted by the eligibility review, possibly advanced since. The SQL views
 * `active_assignments` and `counted_scorecards` (migration Jury) use the same list.
 */
export const ADMITTED_STATUSES: readonly NominationStatus[] = [
  'eligible',
  'shortlisted',
  'finalist',
  'winner',
];

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
