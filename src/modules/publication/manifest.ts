/**
 * The results manifest: everything needed to recompute a published ranking, and nothing that identifies a
 * juror. Pure (no Nest, no database): the server builds manifests with it and `npm run verify` checks them
 * with it, on the same tally arithmetic.
 */
import { canonicalJson, sha256Hex } from '../../common/canonical-json.js';
import type { ManifestSignature } from './manifest-signature.js';
import {
  compareIds,
  tally,
  TALLY_ALGORITHM_VERSION,
  type NominationFlag,
  type TallyCriterion,
  type TallyInput,
  type TallyResult,
  type TallyRules,
  type TallyScorecard,
  type TieBreaker,
} from '../tally/arithmetic/tally.js';

export const MANIFEST_FORMAT = 'magistral-results-manifest/1';

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
}

export interface ResultsManifest {
  format: typeof MANIFEST_FORMAT;
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

/** The input `tally()` ranks a category from: the matrix alone. */
export function categoryInput(
  category: Pick<ManifestCategory, 'rules' | 'criteria' | 'nominations' | 'scorecards'>,
): TallyInput {
  return {
    rules: category.rules,
    criteria: category.criteria,
    nominations: category.nominations.map((n) => n.id),
    scorecards: category.scorecards,
  };
}

/** A manifest category from a tally input whose jurors are already pseudonyms. */
export function manifestCategory(
  meta: { code: string; name: Record<string, string> },
  input: TallyInput,
  nominations: ManifestNomination[],
): ManifestCategory {
  const category = {
    code: meta.code,
    name: meta.name,
    rules: {
      method: input.rules.method,
      tieBreakers: [...input.rules.tieBreakers],
      minScorecards: input.rules.minScorecards,
    },
    criteria: [...input.criteria].sort((a, b) => compareIds(a.code, b.code)),
    nominations: [...nominations].sort((a, b) => compareIds(a.id, b.id)),
    scorecards: [...input.scorecards]
      .sort((a, b) => compareIds(a.nomination, b.nomination) || compareIds(a.juror, b.juror))
      .map((card) => ({ juror: card.juror, nomination: card.nomination, scores: { ...card.scores } })),
  };
  return { ...category, result: tally(categoryInput(category)) };
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

// ---- Verification ----

export interface CategoryVerdict {
  code: string;
  ok: boolean;
  /** What differs, for a human; empty when ok. */
  problems: string[];
}

export interface ManifestVerdict {
  ok: boolean;
  /** Problems with the manifest as a whole (digest, algorithm, shape). */
  problems: string[];
  categories: CategoryVerdict[];
}

/**
 * Checks a manifest from its matrix alone: the SHA-256 of its canonical JSON, the algorithm version, and
 * for each category that `tally()` of the score matrix gives exactly the published result.
 */
export function verifyManifest(value: unknown): ManifestVerdict {
  const problems: string[] = [];
  if (!isObject(value) || !Array.isArray(value.categories) || typeof value.sha256 !== 'string') {
    return {
      ok: false,
      problems: ['not a results manifest (categories and sha256 are required)'],
      categories: [],
    };
  }
  const { sha256, ...rest } = value;
  // The signature signs the digest, so it is not part of what the digest covers.
  delete rest.signature;
  const digest = sha256Hex(canonicalJson(rest));
  if (digest !== sha256)
    problems.push(`sha256 does not match the content: published ${sha256}, computed ${digest}`);
  if (value.format !== MANIFEST_FORMAT)
    problems.push(`unknown format ${JSON.stringify(value.format)}; this verifier reads ${MANIFEST_FORMAT}`);
  if (value.algorithm !== TALLY_ALGORITHM_VERSION) {
    problems.push(
      `algorithm ${JSON.stringify(value.algorithm)} is not ${TALLY_ALGORITHM_VERSION}, the one this verifier implements`,
    );
  }
  const categories = (value.categories as unknown[]).map(verifyCategory);
  return { ok: problems.length === 0 && categories.every((c) => c.ok), problems, categories };
}

function verifyCategory(value: unknown, index: number): CategoryVerdict {
  const code = isObject(value) && typeof value.code === 'string' ? value.code : `#${index + 1}`;
  if (
    !isObject(value) ||
    !Array.isArray(value.nominations) ||
    !Array.isArray(value.scorecards) ||
    !isObject(value.result)
  ) {
    return {
      code,
      ok: false,
      problems: ['malformed category: nominations, scorecards and result are required'],
    };
  }
  const category = value as unknown as ManifestCategory;
  if (category.result.algorithm !== TALLY_ALGORITHM_VERSION) {
    return { code, ok: false, problems: [`result computed by ${JSON.stringify(category.result.algorithm)}`] };
  }
  let recomputed: TallyResult;
  try {
    recomputed = tally(categoryInput(category));
  } catch (error) {
    return { code, ok: false, problems: [`the matrix cannot be tallied: ${(error as Error).message}`] };
  }
  if (canonicalJson(recomputed) === canonicalJson(category.result)) return { code, ok: true, problems: [] };
  return { code, ok: false, problems: differences(category.result, recomputed) };
}

/** The published rows that the recomputation contradicts, in words. */
function differences(published: TallyResult, recomputed: TallyResult): string[] {
  const problems: string[] = [];
  const mine = new Map(recomputed.nominations.map((n) => [n.nomination, n]));
  for (const row of published.nominations ?? []) {
    const other = mine.get(row.nomination);
    if (!other) {
      problems.push(`nomination ${row.nomination} is published but not in the matrix`);
      continue;
    }
    const fields = (
      ['rank', 'scoreExact', 'scorecards', 'medianExact', 'flags', 'tieBrokenBy', 'tieBreakerValues'] as const
    ).filter((field) => canonicalJson(row[field]) !== canonicalJson(other[field]));
    for (const field of fields) {
      problems.push(
        `nomination ${row.nomination}: ${field} published ${canonicalJson(row[field])}, recomputed ${canonicalJson(other[field])}`,
      );
    }
    mine.delete(row.nomination);
  }
  for (const id of mine.keys()) problems.push(`nomination ${id} is in the matrix but not published`);
  if (!problems.length) problems.push('juror statistics or rules differ from the recomputation');
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
