import type { ScorecardMessages } from './en';

export const scorecard: ScorecardMessages = {
  title: 'Bewertungsbogen',
  backToWorklist: 'Zurück zur Arbeitsliste',
  position: 'Nominierung {index} von {total} in dieser Runde',

  entry: 'Die Nominierung',
  category: 'Kategorie',
  company: 'Unternehmen',
  blindEdition: 'Diese Ausgabe wird verdeckt bewertet: Das Unternehmen wird nicht genannt.',
  sampleEntry: 'Beispieleinreichung',
  sampleNote:
    'Von den Organisatoren zur Kalibrierung geschrieben: Sie gehört keinem Unternehmen und nimmt nicht am Wettbewerb teil. Bewerten Sie sie wie jede andere Einreichung.',
  summary: 'Zusammenfassung',
  answers: 'Antworten',
  noAnswer: 'Keine Antwort.',
  metrics: 'Kennzahlen',
  attachments: 'Anhänge',
  noAttachments: 'Keine Anhänge.',
  viewAttachment: '{name} anzeigen',
  hideAttachment: '{name} ausblenden',
  downloadAttachment: '{name} herunterladen',
  attachmentLoading: '{name} wird geladen …',
  attachmentFailed: 'Die Datei konnte nicht geladen werden. Bitte versuchen Sie es erneut.',
  attachmentFrameTitle: 'Anhang: {name}',
  fileSize: '{size} KB',

  yourScorecard: 'Ihr Bewertungsbogen',
  criterionScale: 'Skala {min} bis {max}, Gewicht {weight}',
  scaleEnds: '{min} ist die niedrigste, {max} die höchste Bewertung.',
  markLabel: 'Bewertung für „{criterion}“',
  numberHint: 'Eine ganze Zahl von {min} bis {max}.',
  numberInvalid: 'Geben Sie eine ganze Zahl von {min} bis {max} ein.',
  comment: 'Kommentar (optional)',
  commentHint: 'Nur die Organisatoren lesen ihn; höchstens 5000 Zeichen.',
  progress: {
    one: '{count} von {total} Kriterium bewertet',
    other: '{count} von {total} Kriterien bewertet',
  },

  status: {
    idle: 'Jede Änderung wird sofort gespeichert.',
    saving: 'Wird gespeichert …',
    saved: 'Gespeichert',
    retryingNetwork:
      'Noch nicht gespeichert: Der Server ist nicht erreichbar. Ihre Bewertungen bleiben in diesem Browser und werden gespeichert, sobald er antwortet.',
    retryingSession:
      'Noch nicht gespeichert: Ihre Sitzung wird erneuert. Ihre Bewertungen bleiben in diesem Browser und werden gespeichert, sobald Sie angemeldet sind.',
    retryingServer:
      'Noch nicht gespeichert: Der Server ist ausgelastet oder startet neu. Ihre Bewertungen bleiben in diesem Browser und werden gespeichert, sobald er antwortet.',
    retryNow: 'Jetzt erneut versuchen',
    restored: 'Noch nicht gespeicherte Bewertungen wurden aus diesem Browser wiederhergestellt.',
    refused: 'Der Server hat diese Bewertungen abgelehnt: {reason}',
  },

  submittedNote:
    'Eingereicht am {date}. Bis zum Ende der Runde können Sie ihn noch ändern; Änderungen werden gespeichert und bleiben eingereicht.',
  submittedNoDeadline: 'Eingereicht am {date}. Bis zum Ende der Runde können Sie ihn noch ändern.',
  deadline: 'Die Runde endet am {date}.',
  draftNote: 'Noch nicht eingereicht.',
  locked: {
    round_closed: 'Die Runde ist abgeschlossen: Dieser Bewertungsbogen kann nicht mehr geändert werden.',
    judging_not_open:
      'Die Bewertung ist derzeit nicht geöffnet: Dieser Bewertungsbogen kann nicht geändert werden.',
    wrong_phase:
      'Die Bewertungsphase dieser Ausgabe ist vorbei: Dieser Bewertungsbogen kann nicht geändert werden.',
    conflicts_not_confirmed: 'Bestätigen Sie vor dem Bewerten Ihre Erklärung zu Interessenkonflikten.',
    gone: 'Diese Nominierung ist Ihnen nicht mehr zugewiesen.',
  },
  declarationsLink: 'Zu Ihren Erklärungen',
  readOnlySubmitted: 'Ihre eingereichten Bewertungen:',
  notMarked: 'nicht bewertet',

  conflictTitle: 'Dieser Bewertungsbogen wurde anderswo geändert',
  conflictLead:
    'Während Sie bewertet haben, wurde dieser Bogen in einem anderen Tab oder auf einem anderen Gerät gespeichert. Nichts wurde überschrieben: Wählen Sie, welche Fassung bleiben soll.',
  conflictCriterion: 'Kriterium',
  conflictMine: 'Ihre Bewertungen hier',
  conflictTheirs: 'Anderswo gespeichert',
  conflictDiffers: 'abweichend',
  keepMine: 'Meine Bewertungen behalten',
  keepTheirs: 'Die anderswo gespeicherte Fassung übernehmen',

  submit: 'Bewertungsbogen einreichen',
  submitAgain: 'Erneut einreichen',
  submitShortcut: 'Strg+Enter',
  summaryTitle: 'Diesen Bewertungsbogen einreichen?',
  summaryLead: 'Prüfen Sie Ihre Bewertungen vor dem Einreichen.',
  summaryIncomplete: {
    one: '{count} Kriterium ist noch nicht bewertet: Bewerten Sie es vor dem Einreichen.',
    other: '{count} Kriterien sind noch nicht bewertet: Bewerten Sie sie vor dem Einreichen.',
  },
  summaryComment: 'Kommentar',
  summaryNoComment: 'Kein Kommentar.',
  confirmSubmit: 'Einreichen',
  cancel: 'Zurück zum Bewertungsbogen',
  submitting: 'Wird eingereicht …',
  submitted: 'Bewertungsbogen eingereicht.',
  submitFailed: 'Der Bewertungsbogen wurde nicht eingereicht: {reason}',

  saveAndNext: 'Speichern und weiter',
  skip: 'Vorerst überspringen',
  previous: 'Vorherige Nominierung',
  next: 'Nächste Nominierung',
  allDone: 'Alle Nominierungen dieser Runde sind eingereicht.',
  navigation: 'Nominierungen dieser Runde',

  shortcutsButton: 'Tastenkürzel',
  shortcutsTitle: 'Tastenkürzel',
  shortcutsLead: 'Während Sie in einem Feld tippen, sind die Tastenkürzel aus.',
  shortcutKey: 'Taste',
  shortcutAction: 'Aktion',
  shortcuts: {
    tab: 'Zum nächsten Kriterium (Umschalt+Tab: zum vorherigen)',
    arrows: 'Innerhalb eines Kriteriums eine Bewertung wählen',
    next: 'Nächste Nominierung',
    previous: 'Vorherige Nominierung',
    submit: 'Bewertungsbogen einreichen (nach einer Übersicht)',
    help: 'Diese Liste anzeigen',
  },
  close: 'Schließen',
  leaveWarning: 'Einige Bewertungen sind noch nicht gespeichert.',
};
