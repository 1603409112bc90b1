import { defineErrors } from '../../common/errors/domain-error.js';

export const PublicationErrors = defineErrors({
  /** The same answer for an unknown slug and for results not yet public: nothing tells them apart. */
  resultsNotFound: {
    code: 'public_results.not_found',
    kind: 'not_found',
    title: 'No published results for this edition',
  },
  noRound: {
    code: 'publication.no_round',
    kind: 'conflict',
    title: 'The edition has no round to publish the results of',
  },
  alreadyPublished: {
    code: 'publication.already_published',
    kind: 'conflict',
    title: 'The results of this edition are already published',
  },
  notFound: { code: 'publication.not_found', kind: 'not_found', title: 'The edition has no publication yet' },
});
