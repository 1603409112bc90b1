/**
 * The results manifest: everything needed to recompute a published ranking, and nothing that identifies a
 * juror. Pure (no Nest, no database): the server builds manifests with it; manifest-verification.ts checks
 * them (for `npm run verify` and the browser), on the same tally arithmetic.
 */
import { canonicalJson, sha256Hex } from '../../common/canonical-json.js';
import {
  compareIds,
  tally,
  type NominationFlag,
  type TallyCriterion,
  type TallyInput,
  type TallyResult,
  type TallyRules,
  type TallyScorecard,
  type TieBreaker,
} from '../tally/arithmetic/tally.js';
import type { JuryStatistics } from '../tally/analytics/jury-statistics.js';
import { publishedInput } from '../tally/analytics/published-input.js';
import { publishedStatistics } from '../tally/published-statistics.js';
import { categoryInput, type ManifestFormat, type ManifestSignature } from './manifest-verification.js';

export { categoryInput, MANIFEST_FORMAT, MANIFEST_FORMATS } from './manifest-verification.js';
export type { ManifestFormat } from './manifest-verification.js';
export type { FragilityCause, JuryStatistics, StatedAlpha } from '../tally/analytics/jury-statistics.js';

export interface ManifestNomination {
  id: string;
  title: string;
  company: string;
}

export interface ManifestCategory {
  code: string;
  name: Record<string, string>;
  /** The rules as they apply in this category (criterion tie-breakers only where it has the criterion). */
  rules: TallyRules;
  criteria: TallyCriterion[];
  /** The field: every nomination that took part, ranked or not. */
  nominations: ManifestNomination[];
  /** The score matrix: every counted scorecard, juror by pseudonym, sorted by nomination then juror. */
  scorecards: TallyScorecard[];
  /** `tally()` of the above: the published ranking. */
  result: TallyResult;
  /**
   * How far to trust the ranking (jury-statistics.ts), computed from the above: only where the edition
   * publishes it (its rule `publishJuryStatistics`), and only in format /2.
   */
  juryStatistics?: JuryStatistics;
}

export interface ResultsManifest {
  /** What this platform writes now is MANIFEST_FORMAT; manifests published before keep theirs. */
  format: ManifestFormat;
  algorithm: string;
  edition: { id: string; slug: string; name: string };
  round: { id: string; number: number; name: string };
  /** The edition's rules as declared. */
  rules: { method: TallyRules['method']; tieBreakers: string[]; minScorecards: number };
  /** Null in an organiser's preview. */
  publishedAt: string | null;
  /** The audit chain's head when the results were published (null in a preview, or before any entry). */
  auditHead: { seq: string; hash: string } | null;
  categories: ManifestCategory[];
  /** SHA-256 (hex) of the canonical JSON of every other member but `signature`. */
  sha256: string;
  /** The platform's Ed25519 signature over `sha256` (manifest-signature.ts); absent in a preview. */
  signature?: ManifestSignature;
}

export type UnsealedManifest = Omit<ResultsManifest, 'sha256' | 'signature'>;

export function sealManifest(manifest: UnsealedManifest): ResultsManifest {
  return { ...manifest, sha256: manifestDigest(manifest) };
}

export function manifestDigest(manifest: UnsealedManifest): string {
  return sha256Hex(canonicalJson(manifest));
}

/**
 * A manifest category from a tally input whose jurors are already pseudonyms, laid out as `publishedInput`
 * orders it. With `statistics`, its jury statistics too: `true` computes them from the category as published,
 * exactly as a verifier will recompute them; given ones (the tally job's, stored with the snapshot and
 * computed from that same published input) are stated as they are.
 */
export function manifestCategory(
  meta: { code: string; name: Record<string, string> },
  input: TallyInput,
  nominations: ManifestNomination[],
  { statistics = false }: { statistics?: boolean | JuryStatistics } = {},
): ManifestCategory {
  const laidOut = publishedInput(input);
  const category = {
    code: meta.code,
    name: meta.name,
    rules: laidOut.rules,
    criteria: laidOut.criteria,
    nominations: [...nominations].sort((a, b) => compareIds(a.id, b.id)),
    scorecards: laidOut.scorecards,
  };
  const published = categoryInput(category);
  const result = tally(published);
  if (statistics === false) return { ...category, result };
  return {
    ...category,
    result,
    juryStatistics: statistics === true ? publishedStatistics(published) : statistics,
  };
}

// ---- The public results document, derived from the manifest ----

export type PublishedStatus = 'winner' | 'finalist' | null;

export interface PublicResults {
  edition: { slug: string; name: string };
  round: { number: number; name: string };
  publishedAt: string | null;
  algorithm: string;
  method: TallyRules['method'];
  manifest: { sha256: string; url: string };
  auditHead: ResultsManifest['auditHead'];
  categories: {
    code: string;
    name: Record<string, string>;
    scorecards: number;
    /** As the manifest states them; absent where the edition does not publish them. */
    juryStatistics?: JuryStatistics;
    nominations: {
      rank: number | null;
      status: PublishedStatus;
      nominationId: string;
      title: string;
      company: string;
      score: string | null;
      scorecards: number;
      flags: NominationFlag[];
      tieBrokenBy: TieBreaker | null;
    }[];
  }[];
}

/** Rank 1 wins (all of them when tied); the rest of the ranked field are finalists; the unranked neither. */
export function publishedStatus(rank: number | null): PublishedStatus {
  return rank === null ? null : rank === 1 ? 'winner' : 'finalist';
}

export function publicResultsOf(manifest: ResultsManifest, manifestUrl: string): PublicResults {
  return {
    edition: { slug: manifest.edition.slug, name: manifest.edition.name },
    round: { number: manifest.round.number, name: manifest.round.name },
    publishedAt: manifest.publishedAt,
    algorithm: manifest.algorithm,
    method: manifest.rules.method,
    manifest: { sha256: manifest.sha256, url: manifestUrl },
    auditHead: manifest.auditHead,
    categories: manifest.categories.map((category) => {
      const nominations = new Map(category.nominations.map((n) => [n.id, n]));
      return {
        code: category.code,
        name: category.name,
        scorecards: category.scorecards.length,
        ...(category.juryStatistics ? { juryStatistics: category.juryStatistics } : {}),
        nominations: category.result.nominations.map((n) => ({
          rank: n.rank,
          status: publishedStatus(n.rank),
          nominationId: n.nomination,
          title: nominations.get(n.nomination)?.title ?? '',
          company: nominations.get(n.nomination)?.company ?? '',
          score: n.score,
          scorecards: n.scorecards,
          flags: n.flags,
          tieBrokenBy: n.tieBrokenBy,
        })),
      };
    }),
  };
}
