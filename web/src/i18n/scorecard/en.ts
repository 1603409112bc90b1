/** The scorecard screens' messages. English defines the keys; the other locales are typed by it. */
export const scorecard = {
  title: 'Scorecard',
};

export type ScorecardMessages = typeof scorecard;
