import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NominationTallyResponse,
  TallyRulesResponse,
  TotalsStatisticsResponse,
} from '../../tally/dto/results.response.js';
import {
  TALLY_ALGORITHM_VERSION,
  type NominationFlag,
  type ScoringMethod,
  type TallyCriterion,
  type TallyResult,
  type TallyScorecard,
  type TieBreaker,
} from '../../tally/arithmetic/types.js';
import type { FragilityCause, JuryStatistics, StatedAlpha } from '../../tally/analytics/jury-statistics.js';
import {
  MANIFEST_FORMATS,
  type ManifestCategory,
  type ManifestFormat,
  type ManifestNomination,
  type PublicResults,
  type PublishedStatus,
  type ResultsManifest,
} from '../manifest.js';
import { SIGNATURE_ALGORITHM, type ManifestSignature, type PublishedKey } from '../manifest-signature.js';

const LOCALIZED_NAME = {
  type: 'object',
  additionalProperties: { type: 'string' },
  example: { en: 'Sustainability', ru: 'Устойчивость', kk: 'Тұрақтылық', de: 'Nachhaltigkeit' },
} as const;
const METHOD = { enum: ['mean', 'trimmed_mean', 'zscore'], enumName: 'ScoringMethod' } as const;
const TIE_BREAKER = {
  type: String,
  pattern: '^(median|top_marks|criterion:[a-z0-9_]+)$',
  example: 'criterion:emissions_reduction',
} as const;
const SHA256 = { example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } as const;

class PublicEditionRef {
  @ApiProperty({ example: 'magistral-2026' })
  slug!: string;

  @ApiProperty({ example: 'Magistral Awards 2026' })
  name!: string;
}

class PublicRoundRef {
  @ApiProperty({ type: 'integer', example: 2 })
  number!: number;

  @ApiProperty({ example: 'Final round' })
  name!: string;
}

class ManifestLink {
  @ApiProperty(SHA256)
  sha256!: string;

  @ApiProperty({ example: '/api/v1/public/editions/magistral-2026/results/manifest' })
  url!: string;
}

class AuditHeadResponse {
  @ApiProperty({ example: '1042' })
  seq!: string;

  @ApiProperty(SHA256)
  hash!: string;
}

class AlphaIntervalResponse {
  @ApiProperty({ example: '0.6104', description: 'Lower bound, 4 decimals' })
  low!: string;

  @ApiProperty({ example: '0.8021', description: 'Upper bound, 4 decimals' })
  high!: string;

  @ApiProperty({ type: 'integer', example: 1000, description: 'Bootstrap resamples of the nominations' })
  resamples!: number;
}

class StatedAlphaResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '0.7213',
    description: 'Krippendorff’s alpha (interval metric), 4 decimals; null when it cannot be computed',
  })
  value!: string | null;

  @ApiPropertyOptional({
    type: AlphaIntervalResponse,
    nullable: true,
    description: 'Percentile bootstrap 95 % interval, seeded by `seed` (with a value only)',
  })
  interval?: AlphaIntervalResponse | null;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Nominations with two or more counted scorecards, the units alpha is computed on',
  })
  units?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Counted scorecards in those nominations' })
  values?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Jurors among them' })
  jurors?: number;

  @ApiPropertyOptional({
    enum: ['too_few_pairable', 'no_variance', 'no_common_block'],
    description: 'Why there is no value (without a value only)',
  })
  reason?: 'too_few_pairable' | 'no_variance' | 'no_common_block';
}

class MarginChangeResponse {
  @ApiProperty({ example: 'J-3231c116cfb4d09f', description: 'The juror, by pseudonym' })
  juror!: string;

  @ApiProperty({ format: 'uuid', description: 'The nomination whose total by this juror changes' })
  nomination!: string;

  @ApiProperty({ example: '-0.3500000000', description: 'Signed change of that total, 10 decimals' })
  deltaExact!: string;

  @ApiProperty({ example: '-0.3500', description: '…and 4' })
  delta!: string;
}

class FragilityCauseResponse {
  @ApiProperty({
    enum: ['method', 'leave_one_out', 'margin'],
    description:
      'What changes the winner: another scoring method, one juror left out, or the smallest change to one juror total',
  })
  kind!: FragilityCause['kind'];

  @ApiPropertyOptional({ ...METHOD, description: 'kind method: the method' })
  method?: ScoringMethod;

  @ApiPropertyOptional({ description: 'kind leave_one_out: the juror left out, by pseudonym' })
  juror?: string;

  @ApiPropertyOptional({ type: [String], description: 'method, leave_one_out: the winner(s) then, by id' })
  winners?: string[];

  @ApiPropertyOptional({ type: MarginChangeResponse, description: 'kind margin: the change' })
  change?: MarginChangeResponse;

  @ApiPropertyOptional({ example: '1', description: 'kind margin: the fragile margin it is within' })
  threshold?: string;
}

class JuryStatisticsResponse {
  @ApiProperty({ type: StatedAlphaResponse })
  alpha!: StatedAlpha;

  @ApiProperty({
    ...SHA256,
    description: "The bootstrap's seed: SHA-256 of the canonical JSON of the category's tally input",
  })
  seed!: string;

  @ApiProperty({ description: 'Some change in `causes` would have changed the winner' })
  fragile!: boolean;

  @ApiProperty({
    example: '1',
    description: 'A change to one juror total of at most this many points makes the result fragile',
  })
  fragileMargin!: string;

  @ApiProperty({ type: [FragilityCauseResponse] })
  causes!: FragilityCause[];
}

const JURY_STATISTICS = {
  type: JuryStatisticsResponse,
  description:
    "Where the edition publishes them: Krippendorff's alpha of the jurors' totals and whether the winner was fragile",
} as const;

class PublicNominationResult {
  @ApiProperty({ type: 'integer', nullable: true, example: 1 })
  rank!: number | null;

  @ApiProperty({
    enum: ['winner', 'finalist'],
    nullable: true,
    description: 'Rank 1 wins (all of them when tied); the rest of the ranked field are finalists',
  })
  status!: PublishedStatus;

  @ApiProperty({ format: 'uuid' })
  nominationId!: string;

  @ApiProperty({ example: 'Electric yard tractors at Aktau port' })
  title!: string;

  @ApiProperty({ example: 'Caspian Terminals JSC' })
  company!: string;

  @ApiProperty({ type: String, nullable: true, example: '8.4167', description: 'Exact decimal, 4 places' })
  score!: string | null;

  @ApiProperty({ type: 'integer', example: 6 })
  scorecards!: number;

  @ApiProperty({ enum: ['insufficient_scorecards', 'tied'], isArray: true })
  flags!: NominationFlag[];

  @ApiProperty({ ...TIE_BREAKER, nullable: true, description: 'The tie-breaker that decided its place' })
  tieBrokenBy!: TieBreaker | null;
}

class PublicCategoryResults {
  @ApiProperty({ example: 'sustainability' })
  code!: string;

  @ApiProperty(LOCALIZED_NAME)
  name!: Record<string, string>;

  @ApiProperty({ type: 'integer', example: 42, description: 'Counted scorecards' })
  scorecards!: number;

  @ApiPropertyOptional(JURY_STATISTICS)
  juryStatistics?: JuryStatistics;

  @ApiProperty({ type: [PublicNominationResult] })
  nominations!: PublicNominationResult[];
}

export class PublicResultsResponse implements PublicResults {
  @ApiProperty({ type: PublicEditionRef })
  edition!: PublicEditionRef;

  @ApiProperty({ type: PublicRoundRef })
  round!: PublicRoundRef;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "null in an organiser's preview",
  })
  publishedAt!: string | null;

  @ApiProperty({ example: 'magistral-tally/1' })
  algorithm!: string;

  @ApiProperty(METHOD)
  method!: ScoringMethod;

  @ApiProperty({ type: ManifestLink })
  manifest!: ManifestLink;

  @ApiProperty({ type: AuditHeadResponse, nullable: true })
  auditHead!: AuditHeadResponse | null;

  @ApiProperty({ type: [PublicCategoryResults] })
  categories!: PublicCategoryResults[];
}

class ManifestEdition {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'magistral-2026' })
  slug!: string;

  @ApiProperty({ example: 'Magistral Awards 2026' })
  name!: string;
}

class ManifestRound {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  number!: number;

  @ApiProperty({ example: 'Final round' })
  name!: string;
}

class ManifestRules {
  @ApiProperty(METHOD)
  method!: ScoringMethod;

  @ApiProperty({ type: [String], example: ['median', 'criterion:emissions_reduction', 'top_marks'] })
  tieBreakers!: string[];

  @ApiProperty({ type: 'integer', example: 3 })
  minScorecards!: number;
}

class ManifestCriterion implements TallyCriterion {
  @ApiProperty({ example: 'emissions_reduction' })
  code!: string;

  @ApiProperty({ example: '2', description: 'Exact decimal weight' })
  weight!: string;
}

class ManifestNominationResponse implements ManifestNomination {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Electric yard tractors at Aktau port' })
  title!: string;

  @ApiProperty({ example: 'Caspian Terminals JSC' })
  company!: string;
}

class ManifestScorecard implements TallyScorecard {
  @ApiProperty({ example: 'J-3231c116cfb4d09f', description: 'The juror, by pseudonym' })
  juror!: string;

  @ApiProperty({ format: 'uuid' })
  nomination!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { measurement: 8, verification: 7, emissions_reduction: 9 },
  })
  scores!: Record<string, number>;
}

class PseudonymousJurorStatistics extends TotalsStatisticsResponse {
  @ApiProperty({ example: 'J-3231c116cfb4d09f', description: 'The juror, by pseudonym' })
  juror!: string;
}

class TallyResultResponse implements TallyResult {
  @ApiProperty({ enum: [TALLY_ALGORITHM_VERSION] })
  algorithm!: typeof TALLY_ALGORITHM_VERSION;

  @ApiProperty({ type: TallyRulesResponse })
  rules!: TallyRulesResponse;

  @ApiProperty({ type: [NominationTallyResponse] })
  nominations!: NominationTallyResponse[];

  @ApiProperty({ type: [PseudonymousJurorStatistics] })
  jurors!: PseudonymousJurorStatistics[];

  @ApiProperty({ type: TotalsStatisticsResponse, nullable: true })
  overall!: TotalsStatisticsResponse | null;
}

class ManifestCategoryResponse implements ManifestCategory {
  @ApiProperty({ example: 'sustainability' })
  code!: string;

  @ApiProperty(LOCALIZED_NAME)
  name!: Record<string, string>;

  @ApiProperty({ type: TallyRulesResponse })
  rules!: TallyRulesResponse;

  @ApiProperty({ type: [ManifestCriterion] })
  criteria!: ManifestCriterion[];

  @ApiProperty({ type: [ManifestNominationResponse] })
  nominations!: ManifestNominationResponse[];

  @ApiProperty({ type: [ManifestScorecard] })
  scorecards!: ManifestScorecard[];

  @ApiProperty({ type: TallyResultResponse })
  result!: TallyResultResponse;

  @ApiPropertyOptional({ ...JURY_STATISTICS, description: `${JURY_STATISTICS.description} (format /2)` })
  juryStatistics?: JuryStatistics;
}

export class ManifestSignatureResponse implements ManifestSignature {
  @ApiProperty({ enum: [SIGNATURE_ALGORITHM] })
  algorithm!: typeof SIGNATURE_ALGORITHM;

  @ApiProperty({
    example: '5f0c6d1e9a3b7c42',
    description: 'The signing key, as listed at /.well-known/magistral-signing-keys.json',
  })
  keyId!: string;

  @ApiProperty({ description: 'The 64-byte signature, base64url' })
  value!: string;
}

export class ResultsManifestResponse implements ResultsManifest {
  @ApiProperty({
    enum: MANIFEST_FORMATS,
    description: '/2 may state jury statistics per category; manifests published before are /1',
  })
  format!: ManifestFormat;

  @ApiProperty({ example: 'magistral-tally/1' })
  algorithm!: string;

  @ApiProperty({ type: ManifestEdition })
  edition!: ManifestEdition;

  @ApiProperty({ type: ManifestRound })
  round!: ManifestRound;

  @ApiProperty({ type: ManifestRules })
  rules!: ManifestRules;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: string | null;

  @ApiProperty({ type: AuditHeadResponse, nullable: true })
  auditHead!: AuditHeadResponse | null;

  @ApiProperty({ type: [ManifestCategoryResponse] })
  categories!: ManifestCategoryResponse[];

  @ApiProperty({
    ...SHA256,
    description: 'SHA-256 (hex) of the canonical JSON of every other member but `signature`',
  })
  sha256!: string;

  @ApiProperty({
    type: ManifestSignatureResponse,
    required: false,
    description: 'The platform’s Ed25519 signature over `sha256`; absent in an organiser’s preview',
  })
  signature?: ManifestSignatureResponse;
}

export class SigningPublicKeyResponse {
  @ApiProperty({ enum: ['OKP'] })
  kty!: 'OKP';

  @ApiProperty({ enum: ['Ed25519'] })
  crv!: 'Ed25519';

  @ApiProperty({
    description: 'The raw 32-byte public key, base64url',
    example: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  })
  x!: string;
}

export class PublishedKeyResponse implements PublishedKey {
  @ApiProperty({
    example: '5f0c6d1e9a3b7c42',
    description: 'First 16 hex digits of the SHA-256 of the raw public key',
  })
  keyId!: string;

  @ApiProperty({ enum: [SIGNATURE_ALGORITHM] })
  algorithm!: typeof SIGNATURE_ALGORITHM;

  @ApiProperty({ type: SigningPublicKeyResponse, description: 'A JWK, as WebCrypto imports it' })
  publicKey!: SigningPublicKeyResponse;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the key first signed' })
  validFrom!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was retired; what it signed before stays valid',
  })
  validUntil!: string | null;
}

export class SigningKeysResponse {
  @ApiProperty({
    type: [PublishedKeyResponse],
    description: 'Every key that ever signed results, oldest first',
  })
  keys!: PublishedKeyResponse[];
}
