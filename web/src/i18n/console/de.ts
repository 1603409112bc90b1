import type { ConsoleMessages } from './en';

export const consoleShell: ConsoleMessages = {
  title: 'Konsole der Veranstalter',
  navigation: 'Konsole',
  editionNavigation: 'Diese Ausgabe',
  sections: {
    editions: 'Ausgaben',
    people: 'Personen',
    audit: 'Prüfprotokoll',
    mail: 'E-Mails',
  },
  editionSections: {
    overview: 'Überblick',
    categories: 'Kategorien',
    companies: 'Unternehmen',
    nominations: 'Nominierungen',
    jury: 'Jury',
    rounds: 'Runden',
    progress: 'Fortschritt',
    results: 'Ergebnisse',
    publication: 'Veröffentlichung',
  },
  phase: 'Phase: {phase}',
  phases: {
    draft: 'Entwurf',
    nominations: 'Nominierungen offen',
    eligibility: 'Zulassungsprüfung',
    judging: 'Bewertung',
    tallying: 'Auszählung',
    results_ready: 'Ergebnisse bereit',
    published: 'Veröffentlicht',
    archived: 'Archiviert',
  },
};
