/** The organiser's console: its frame, shared by every console screen. English defines the keys. */
export const consoleShell = {
  title: 'Organiser’s console',
  navigation: 'Console',
  editionNavigation: 'This edition',
  sections: {
    editions: 'Editions',
    people: 'People',
    audit: 'Audit log',
    mail: 'Mail',
  },
  editionSections: {
    overview: 'Overview',
    categories: 'Categories',
    companies: 'Companies',
    nominations: 'Nominations',
    jury: 'Jury',
    rounds: 'Rounds',
    progress: 'Progress',
    results: 'Results',
    publication: 'Publication',
  },
  phase: 'Phase: {phase}',
  phases: {
    draft: 'Draft',
    nominations: 'Nominations open',
    eligibility: 'Eligibility review',
    judging: 'Judging',
    tallying: 'Tallying',
    results_ready: 'Results ready',
    published: 'Published',
    archived: 'Archived',
  },
};

export type ConsoleMessages = typeof consoleShell;
