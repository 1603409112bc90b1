import type { ScorecardMessages } from './en';

export const scorecard: ScorecardMessages = {
  title: 'Бағалау парағы',
};
