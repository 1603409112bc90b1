import { defineErrors } from '../../common/errors/domain-error.js';

export const EditionErrors = defineErrors({
  notFound: { code: 'editions.not_found', kind: 'not_found', title: 'No such edition' },
  slugTaken: {
    code: 'editions.slug_taken',
    kind: 'conflict',
    title: 'Another edition already uses this slug',
  },
  invalidTimeline: {
    code: 'editions.invalid_timeline',
    kind: 'invalid',
    title: 'The timeline is not in order',
  },
  invalidTieBreakers: {
    code: 'editions.invalid_tie_breakers',
    kind: 'invalid',
    title: 'A criterion tie-breaker names a code no criterion of the edition has',
  },
  invalidPhaseTransition: {
    code: 'editions.invalid_phase_transition',
    kind: 'conflict',
    title: 'An edition moves forward one phase at a time',
  },
  wrongPhase: {
    code: 'editions.wrong_phase',
    kind: 'conflict',
    title: 'The edition is not in a phase that allows this',
  },
  slugFrozen: {
    code: 'editions.slug_frozen',
    kind: 'conflict',
    title: 'The slug of a published edition cannot change: public links use it',
  },
  noCategories: {
    code: 'editions.no_categories',
    kind: 'conflict',
    title: 'An edition needs at least one category before nominations open',
  },
  embargoed: {
    code: 'editions.results_embargoed',
    kind: 'conflict',
    title: 'Results cannot be published before the embargo ends',
  },
  judgingRulesFrozen: {
    code: 'editions.judging_rules_frozen',
    kind: 'conflict',
    title: 'Rules that affect judging cannot change once judging has opened',
  },
  categoriesFrozen: {
    code: 'editions.categories_frozen',
    kind: 'conflict',
    title: 'Categories and criteria cannot change once judging has opened',
  },
  categoryNotFound: { code: 'categories.not_found', kind: 'not_found', title: 'No such category' },
  categoryCodeTaken: {
    code: 'categories.code_taken',
    kind: 'conflict',
    title: 'Another category of this edition already uses this code',
  },
  categoryInUse: {
    code: 'categories.in_use',
    kind: 'conflict',
    title: 'The category has nominations and cannot be removed',
  },
  criterionNotFound: { code: 'criteria.not_found', kind: 'not_found', title: 'No such criterion' },
  criterionCodeTaken: {
    code: 'criteria.code_taken',
    kind: 'conflict',
    title: 'Another criterion of this category already uses this code',
  },
  criterionInTieBreakers: {
    code: 'criteria.in_tie_breakers',
    kind: 'conflict',
    title: "A tie-breaker of the edition names this criterion code; change the edition's tie-breakers first",
  },
  criterionInUse: {
    code: 'criteria.in_use',
    kind: 'conflict',
    title: 'Scores refer to this criterion; it cannot be removed',
  },
  invalidScale: { code: 'criteria.invalid_scale', kind: 'invalid', title: 'scaleMin must be below scaleMax' },
  duplicateCodes: {
    code: 'categories.duplicate_codes',
    kind: 'invalid',
    title: 'Codes in one request must be unique',
  },
  lastCriterion: {
    code: 'criteria.last_criterion',
    kind: 'conflict',
    title: 'A category needs at least one criterion',
  },
});
