/**
 * Where the web app shows a juror their work, in one place for every mail that links to it: the worklist
 * of a round, or the scorecard of one nomination when a mail is about that one alone.
 */
export function jurorLink(publicUrl: string, roundId: string, nominationId?: string): string {
  return nominationId
    ? `${publicUrl}/jury/rounds/${roundId}/nominations/${nominationId}`
    : `${publicUrl}/jury?roundId=${roundId}`;
}
