import type { Category, CategoryQuestion, LocalizedText } from './entities/category.entity.js';
import type { Criterion } from './entities/criterion.entity.js';
import type { Edition, Phase, ScoringMethod } from './entities/edition.entity.js';
import { nextPhase } from './edition-rules.js';

export interface EditionView {
  id: string;
  slug: string;
  name: string;
  phase: Phase;
  /** Where `POST /editions/{id}/phase` can take it, or null once archived. */
  nextPhase: Phase | null;
  nominationsOpenAt: string;
  nominationsCloseAt: string;
  judgingOpenAt: string;
  judgingCloseAt: string;
  resultsEmbargoUntil: string | null;
  scoringMethod: ScoringMethod;
  tieBreakers: string[];
  minScorecards: number;
  maxNominationsPerCompanyPerCategory: number;
  blind: boolean;
  /** Jurors see their own deviation from the panel's median on calibration entries (issue 17). */
  calibrationFeedback: boolean;
  /** The published results state each category's alpha and whether it was fragile (issue 17). */
  publishJuryStatistics: boolean;
  reminderLeadHours: number;
  /** Jury analytics: flag a juror whose agreement is below this. */
  minJurorAgreement: number;
  /** Jury analytics: flag a juror more lenient or severe than this many σ. */
  maxJurorLeniencySigma: number;
  /** Also sent as the `ETag` header; send it back in `If-Match` to update safely. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toEditionView(edition: Edition): EditionView {
  return {
    id: edition.id,
    slug: edition.slug,
    name: edition.name,
    phase: edition.phase,
    nextPhase: nextPhase(edition.phase) ?? null,
    nominationsOpenAt: edition.nominationsOpenAt.toISOString(),
    nominationsCloseAt: edition.nominationsCloseAt.toISOString(),
    judgingOpenAt: edition.judgingOpenAt.toISOString(),
    judgingCloseAt: edition.judgingCloseAt.toISOString(),
    resultsEmbargoUntil: edition.resultsEmbargoUntil?.toISOString() ?? null,
    scoringMethod: edition.scoringMethod,
    tieBreakers: edition.tieBreakers,
    minScorecards: edition.minScorecards,
    maxNominationsPerCompanyPerCategory: edition.maxNominationsPerCompanyPerCategory,
    blind: edition.blind,
    calibrationFeedback: edition.calibrationFeedback,
    publishJuryStatistics: edition.publishJuryStatistics,
    reminderLeadHours: edition.reminderLeadHours,
    minJurorAgreement: edition.minJurorAgreement,
    maxJurorLeniencySigma: edition.maxJurorLeniencySigma,
    version: edition.version,
    createdAt: edition.createdAt.toISOString(),
    updatedAt: edition.updatedAt.toISOString(),
  };
}

export interface CriterionView {
  id: string;
  categoryId: string;
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  /** Exact decimal as a string, without trailing zeros ("1.5", not "1.5000"). */
  weight: string;
  scaleMin: number;
  scaleMax: number;
  position: number;
}

export interface CategoryView {
  id: string;
  editionId: string;
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  questions: CategoryQuestion[];
  position: number;
  criteria: CriterionView[];
}

/** "1.5000" → "1.5", "02.0" → "2": the decimal written as a person would, so equal weights read alike. */
export function plainDecimal(value: string): string {
  const [whole = '', fraction = ''] = value.split('.');
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  return decimals ? `${integer}.${decimals}` : integer;
}

export function toCriterionView(criterion: Criterion): CriterionView {
  return {
    id: criterion.id,
    categoryId: criterion.categoryId,
    code: criterion.code,
    name: criterion.name,
    description: criterion.description,
    weight: plainDecimal(criterion.weight),
    scaleMin: criterion.scaleMin,
    scaleMax: criterion.scaleMax,
    position: criterion.position,
  };
}

export function toCategoryView(category: Category, criteria: Criterion[]): CategoryView {
  return {
    id: category.id,
    editionId: category.editionId,
    code: category.code,
    name: category.name,
    description: category.description,
    questions: category.questions,
    position: category.position,
    criteria: criteria.map(toCriterionView),
  };
}
