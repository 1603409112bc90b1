/**
 * Checking a published results manifest, once for every verifier: `npm run verify` (src/verify.ts, with
 * node:crypto) and the results page's "Verify in your browser" (web/src/public-verify, with WebCrypto) both
 * call `verifyResults`. Pure: no Node import, no DOM; hashing and signature checking come in through
 * `VerifierCrypto`, the only thing each platform supplies. The rankings are recomputed with the tally's one
 * public function, `tally()`, exactly as the server computed them.
 *
 * Every finding names its failure as a code (for a verifier that words it in the reader's language) and in
 * English (for the command line and for the curious).
 */
import { canonicalJson } from '../../common/canonical-json-text.js';
import {
  tally,
  TALLY_ALGORITHM_VERSION,
  type TallyCriterion,
  type TallyInput,
  type TallyResult,
  type TallyRules,
  type TallyScorecard,
} from '../tally/arithmetic/tally.js';
import {
  juryStatistics,
  statisticsDifferences,
  statisticsSeedText,
  type JuryStatistics,
} from '../tally/analytics/jury-statistics.js';

/**
 * The format this platform writes: /2 may state each category's jury statistics (`juryStatistics`); /1, the
 * format of manifests published before, never does. Both are read.
 */
export const MANIFEST_FORMAT = 'magistral-results-manifest/2';
export const MANIFEST_FORMATS = ['magistral-results-manifest/1', MANIFEST_FORMAT] as const;
export type ManifestFormat = (typeof MANIFEST_FORMATS)[number];
export const SIGNATURE_ALGORITHM = 'Ed25519';
/**
 * Keeps a signature over a manifest from ever passing for a signature over anything else the key signs. The
 * same for every format (the digest covers `format` already), so manifests signed before still verify.
 */
const SIGNED_MESSAGE_PREFIX = 'magistral-results-manifest/1\n';
/** Several API instances share one key; their clocks may differ a little from the one that registered it. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface ManifestSignature {
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** Names the public key in the published key list (see `keyIdOf`). */
  keyId: string;
  /** base64url of the 64-byte signature. */
  value: string;
}

/** A public key as published at /.well-known/magistral-signing-keys.json (a JWK WebCrypto imports as is). */
export interface PublishedKey {
  keyId: string;
  algorithm: typeof SIGNATURE_ALGORITHM;
  publicKey: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  /** When the platform first signed with it. */
  validFrom: string;
  /** When it was retired (`npm run cli -- keys:retire`); manifests signed before stay valid. */
  validUntil: string | null;
}

/** What a verifier needs from its platform's cryptography. */
export interface VerifierCrypto {
  /** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
  sha256Hex(text: string): Promise<string>;
  /**
   * Whether `signature` is `publicKey`'s Ed25519 signature (RFC 8032) of `message`: false for a malformed
   * key or signature, which proves nothing. Throws only when the platform cannot check Ed25519 at all.
   */
  verifyEd25519(
    publicKey: PublishedKey['publicKey'],
    message: Uint8Array<ArrayBuffer>,
    signature: Uint8Array<ArrayBuffer>,
  ): Promise<boolean>;
}

/** A problem found, as a code and in English. */
export interface Finding<Failure extends string> {
  failure: Failure;
  text: string;
}

export type ManifestFailure = 'not_a_manifest' | 'digest' | 'format' | 'algorithm';
export type CategoryFailure = 'malformed' | 'algorithm' | 'untallyable' | 'ranking' | 'statistics';
export type SignatureFailure = 'unsigned' | 'unknown_key' | 'key_not_valid' | 'invalid';

export interface CategoryVerdict {
  code: string;
  /** The category's name per language, as the manifest gives it (empty when it gives none). */
  name: Record<string, string>;
  ok: boolean;
  /** The category states jury statistics, and they were recomputed and agree. */
  statistics: boolean;
  /** Why it does not hold (null when ok), and what differs, in English. */
  failure: CategoryFailure | null;
  problems: string[];
}

export interface ManifestVerdict {
  ok: boolean;
  /** Problems with the manifest as a whole (digest, format, algorithm, shape). */
  problems: Finding<ManifestFailure>[];
  categories: CategoryVerdict[];
}

export interface ResultsVerdict {
  /** Every ranking follows from the score matrix, the SHA-256 matches and a published key signed it. */
  ok: boolean;
  manifest: ManifestVerdict;
  /** The signature's problems (none: it holds); null when there were no published keys to check against. */
  signature: Finding<SignatureFailure>[] | null;
  /** The key the manifest says signed it. */
  keyId: string | null;
}

/** What verifying reads of a manifest's category (a `ManifestCategory` of manifest.ts, which has more). */
interface MatrixCategory {
  rules: TallyRules;
  criteria: TallyCriterion[];
  nominations: { id: string }[];
  scorecards: TallyScorecard[];
  result: TallyResult;
  juryStatistics?: JuryStatistics;
}

/** The input `tally()` ranks a category from: the matrix alone. */
export function categoryInput(
  category: Pick<MatrixCategory, 'rules' | 'criteria' | 'nominations' | 'scorecards'>,
): TallyInput {
  return {
    rules: category.rules,
    criteria: category.criteria,
    nominations: category.nominations.map((n) => n.id),
    scorecards: category.scorecards,
  };
}

/** The bytes a signature covers: the format name and the manifest's SHA-256. */
export function signedMessage(sha256: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(SIGNED_MESSAGE_PREFIX + sha256);
}

/**
 * The whole check: the manifest (`verifyManifest`) and its signature against the published keys (null: none
 * were available, so nothing is verified).
 */
export async function verifyResults(
  value: unknown,
  keys: readonly PublishedKey[] | null,
  crypto: VerifierCrypto,
): Promise<ResultsVerdict> {
  const manifest = await verifyManifest(value, crypto);
  const signature =
    keys === null
      ? null
      : isSealed(value)
        ? await signatureFindings(value, keys, crypto)
        : [{ failure: 'unsigned' as const, text: 'there is no sealed manifest to check' }];
  const claimed = isObject(value) && isSignature(value.signature) ? value.signature.keyId : null;
  return { ok: manifest.ok && signature?.length === 0, manifest, signature, keyId: claimed };
}

/**
 * Checks a manifest from its matrix alone: the SHA-256 of its canonical JSON, the format and algorithm,
 * and for each category that `tally()` of the score matrix gives exactly the published result.
 */
export async function verifyManifest(value: unknown, crypto: VerifierCrypto): Promise<ManifestVerdict> {
  const problems: Finding<ManifestFailure>[] = [];
  if (!isSealed(value) || !Array.isArray(value.categories)) {
    return {
      ok: false,
      problems: [
        { failure: 'not_a_manifest', text: 'not a results manifest (categories and sha256 are required)' },
      ],
      categories: [],
    };
  }
  const { sha256, ...rest } = value;
  // The signature signs the digest, so it is not part of what the digest covers.
  delete rest.signature;
  const digest = await crypto.sha256Hex(canonicalJson(rest));
  if (digest !== sha256)
    problems.push({
      failure: 'digest',
      text: `sha256 does not match the content: published ${sha256}, computed ${digest}`,
    });
  if (!(MANIFEST_FORMATS as readonly unknown[]).includes(value.format))
    problems.push({
      failure: 'format',
      text: `unknown format ${JSON.stringify(value.format)}; this verifier reads ${MANIFEST_FORMATS.join(' and ')}`,
    });
  else if (
    value.format !== MANIFEST_FORMAT &&
    (value.categories as unknown[]).some((c) => isObject(c) && 'juryStatistics' in c)
  )
    problems.push({
      failure: 'format',
      text: `format ${String(value.format)} states no jury statistics, yet a category has some`,
    });
  if (value.algorithm !== TALLY_ALGORITHM_VERSION) {
    problems.push({
      failure: 'algorithm',
      text: `algorithm ${JSON.stringify(value.algorithm)} is not ${TALLY_ALGORITHM_VERSION}, the one this verifier implements`,
    });
  }
  const categories = await Promise.all(
    (value.categories as unknown[]).map((category, index) => verifyCategory(category, index, crypto)),
  );
  return { ok: problems.length === 0 && categories.every((c) => c.ok), problems, categories };
}

async function verifyCategory(
  value: unknown,
  index: number,
  crypto: VerifierCrypto,
): Promise<CategoryVerdict> {
  const code = isObject(value) && typeof value.code === 'string' ? value.code : `#${index + 1}`;
  const name = isObject(value) && isObject(value.name) ? namesOf(value.name) : {};
  const refused = (failure: CategoryFailure, problems: string[]): CategoryVerdict => ({
    code,
    name,
    ok: false,
    statistics: false,
    failure,
    problems,
  });
  if (
    !isObject(value) ||
    !Array.isArray(value.nominations) ||
    !Array.isArray(value.scorecards) ||
    !isObject(value.result)
  ) {
    return refused('malformed', ['malformed category: nominations, scorecards and result are required']);
  }
  const category = value as unknown as MatrixCategory;
  if (category.result.algorithm !== TALLY_ALGORITHM_VERSION)
    return refused('algorithm', [`result computed by ${JSON.stringify(category.result.algorithm)}`]);
  let recomputed: TallyResult;
  try {
    recomputed = tally(categoryInput(category));
  } catch (error) {
    return refused('untallyable', [`the matrix cannot be tallied: ${(error as Error).message}`]);
  }
  if (canonicalJson(recomputed) !== canonicalJson(category.result))
    return refused('ranking', differences(category.result, recomputed));
  const statistics = 'juryStatistics' in category;
  if (statistics) {
    const problems = await statisticsProblems(category, crypto);
    if (problems.length) return refused('statistics', problems);
  }
  return { code, name, ok: true, statistics, failure: null, problems: [] };
}

/**
 * The stated jury statistics against those recomputed from the matrix with the same analytics code: alpha
 * and its bootstrap interval (seeded by the input's SHA-256, computed here), and the fragile verdict with its
 * causes, under the margin the manifest states.
 */
async function statisticsProblems(category: MatrixCategory, crypto: VerifierCrypto): Promise<string[]> {
  const stated: unknown = category.juryStatistics;
  const input = categoryInput(category);
  const margin = isObject(stated) && typeof stated.fragileMargin === 'string' ? stated.fragileMargin : '';
  let recomputed: JuryStatistics;
  try {
    recomputed = juryStatistics(input, await crypto.sha256Hex(statisticsSeedText(input)), margin);
  } catch (error) {
    return [`jury statistics cannot be recomputed: ${(error as Error).message}`];
  }
  return statisticsDifferences(stated, recomputed);
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

/**
 * Problems with a manifest's signature against the published keys (none when it holds): the key must be
 * published, valid when the manifest was published, and the signature must verify over its SHA-256.
 */
export async function signatureFindings(
  manifest: { sha256: string; publishedAt?: unknown; signature?: unknown },
  keys: readonly PublishedKey[],
  crypto: VerifierCrypto,
): Promise<Finding<SignatureFailure>[]> {
  const signature = manifest.signature;
  if (!isSignature(signature))
    return [{ failure: 'unsigned', text: 'the manifest carries no Ed25519 signature' }];
  const key = keys.find((candidate) => candidate.keyId === signature.keyId);
  if (key === undefined)
    return [
      {
        failure: 'unknown_key',
        text: `the signing key ${signature.keyId} is not among the published keys`,
      },
    ];
  const findings: Finding<SignatureFailure>[] = [];
  const publishedAt = typeof manifest.publishedAt === 'string' ? Date.parse(manifest.publishedAt) : NaN;
  if (
    Number.isNaN(publishedAt) ||
    publishedAt < Date.parse(key.validFrom) - CLOCK_SKEW_MS ||
    (key.validUntil !== null && publishedAt > Date.parse(key.validUntil))
  )
    findings.push({
      failure: 'key_not_valid',
      text: `the key ${key.keyId} was not valid when the manifest was published`,
    });
  const bytes = base64UrlBytes(signature.value);
  const holds =
    bytes !== null && (await crypto.verifyEd25519(key.publicKey, signedMessage(manifest.sha256), bytes));
  if (!holds)
    findings.push({ failure: 'invalid', text: `the signature does not verify with the key ${key.keyId}` });
  return findings;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The bytes of unpadded base64url text; null when it is not base64url. */
export function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = new Uint8Array((text.length * 3) >> 2);
  let bits = 0;
  let buffered = 0;
  let at = 0;
  for (const char of text) {
    buffered = ((buffered << 6) | BASE64URL.indexOf(char)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffered >> bits) & 0xff;
    }
  }
  return bytes;
}

function namesOf(value: Record<string, unknown>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [language, name] of Object.entries(value)) if (typeof name === 'string') names[language] = name;
  return names;
}

function isSealed(value: unknown): value is Record<string, unknown> & { sha256: string } {
  return isObject(value) && typeof value.sha256 === 'string';
}

function isSignature(value: unknown): value is ManifestSignature {
  if (!isObject(value)) return false;
  const { algorithm, keyId, value: signature } = value;
  return algorithm === SIGNATURE_ALGORITHM && typeof keyId === 'string' && typeof signature === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
