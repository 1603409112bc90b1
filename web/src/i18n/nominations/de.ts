import type { NominationsMessages } from './en';

export const nominations: NominationsMessages = {
  title: 'Ihre Einreichungen',
  lead: 'Die Einreichungen aller Unternehmen, denen Sie angehören. Entwürfe speichern sich beim Schreiben von selbst.',
  start: 'Einreichung beginnen',
  none: 'Ihre Unternehmen haben noch keine Einreichungen.',
  noneCall: 'Beginnen Sie die erste: Unternehmen, Ausgabe und Kategorie wählen, dann schreiben.',
  noCompany:
    'Eingereicht wird von einem Unternehmen. Legen Sie zuerst Ihres an oder lassen Sie sich von einer Kollegin oder einem Kollegen einladen.',
  createCompany: 'Unternehmen anlegen',
  listCaption: 'Einreichungen Ihrer Unternehmen',
  untitled: 'Einreichung ohne Titel',
  columns: {
    title: 'Einreichung',
    company: 'Unternehmen',
    category: 'Kategorie',
    edition: 'Ausgabe',
    status: 'Status',
    deadline: 'Einreichungsschluss',
  },
  statuses: {
    draft: 'Entwurf',
    submitted: 'Eingereicht',
    eligible: 'Zugelassen',
    ineligible: 'Nicht zugelassen',
    shortlisted: 'Auf der Shortlist',
    finalist: 'Finalist',
    winner: 'Gewinner',
    withdrawn: 'Zurückgezogen',
  },
  backToList: 'Alle Ihre Einreichungen',

  newTitle: 'Neue Einreichung',
  newLead:
    'Wählen Sie, wer teilnimmt, in welcher Ausgabe und in welcher Kategorie. Den Text können Sie bis zum Einreichen jederzeit ändern.',
  company: 'Unternehmen',
  chooseCompany: 'Unternehmen wählen',
  edition: 'Ausgabe',
  chooseEdition: 'Ausgabe wählen',
  editionOption: '{name} (bis {deadline})',
  noOpenEdition:
    'Derzeit nimmt keine Ausgabe Einreichungen an. Schauen Sie wieder vorbei, wenn die nächste öffnet.',
  category: 'Kategorie',
  categoryHint: 'Wählen Sie zuerst eine Ausgabe, um ihre Kategorien zu sehen.',
  nominationTitle: 'Titel',
  titleHint: 'Eine Zeile darüber, was das Projekt erreicht hat, höchstens 200 Zeichen.',
  create: 'Mit dem Schreiben beginnen',
  creating: 'Wird angelegt…',

  aboutCategory: 'Zur Kategorie',
  criteria: 'Wie die Jury bewertet',
  criteriaLead:
    'Jedes Kriterium wird von {min} bis {max} bewertet; die Gewichte bestimmen, wie stark es zählt.',
  weight: 'Gewicht {weight}',
  weightShare: '{share} der Wertung',
  keyMetricsGuide: 'Kennzahlen',
  keyMetricsGuideText:
    'Nennen Sie mindestens ein gemessenes Ergebnis – eine Zahl mit Einheit, etwa 31 Stunden oder 12.500 t CO₂ im Jahr.',
  questionsGuide: 'Zu beantwortende Fragen',
  requiredQuestion: '(Pflichtangabe)',
  optionalQuestion: '(freiwillig)',

  facts: 'Angaben zur Einreichung',
  editorTitle: 'Ihr Text',
  summary: 'Zusammenfassung',
  summaryHint:
    'Was Sie getan haben und was es verändert hat, höchstens 2.000 Zeichen. Die Jury liest sie zuerst.',
  answerHint: 'Höchstens {max} Zeichen.',
  characters: { one: 'Noch {count} Zeichen', other: 'Noch {count} Zeichen' },
  tooLong: { one: '{count} Zeichen zu viel', other: '{count} Zeichen zu viel' },
  metrics: 'Kennzahlen',
  metricsHint: 'Eine Kennzahl wird gespeichert, sobald sie eine Bezeichnung, eine Zahl und eine Einheit hat.',
  metricName: 'Was gemessen wurde',
  metricValue: 'Wert',
  metricUnit: 'Einheit',
  metricLegend: 'Kennzahl {n}',
  addMetric: 'Kennzahl hinzufügen',
  removeMetric: 'Kennzahl {n} entfernen',
  noMetrics: 'Noch keine Kennzahl.',

  autosave: {
    saving: 'Wird gespeichert…',
    saved: 'Gespeichert um {time}.',
    unsaved: 'Änderungen noch nicht gespeichert.',
    retrying:
      'Nicht gespeichert: Der Server hat nicht geantwortet. Ihr Text bleibt auf diesem Gerät; neuer Versuch in {seconds} s.',
    retryNow: 'Jetzt erneut versuchen',
    invalid:
      'Nicht gespeichert: Korrigieren Sie die unten markierten Felder. Ihr Text bleibt auf diesem Gerät.',
    restored: 'Ihr ungespeicherter Text von diesem Gerät ist wiederhergestellt und wird gespeichert.',
    frozen:
      'Nicht gespeichert: Die Einreichung kann nicht mehr geändert werden. Ihr Text bleibt auf diesem Gerät.',
  },
  conflict: {
    title: 'Diese Einreichung wurde anderswo geändert',
    lead: 'Jemand hat eine neuere Fassung gespeichert (vielleicht Sie selbst in einem anderen Tab). Ihr Text steht noch im Formular. Vergleichen Sie und entscheiden Sie.',
    theirs: 'Die neuere Fassung auf dem Server',
    keepMine: 'Meinen Text behalten',
    useTheirs: 'Neuere Fassung übernehmen',
    savedAt: 'Gespeichert am {date}',
  },

  attachments: 'Anhänge',
  attachmentsLead: 'Belege für die Jury: Berichte, Zertifikate, Fotos.',
  attachmentRules: '{types}; höchstens {size} je Datei, insgesamt höchstens {count}.',
  attachmentCount: { one: '{count} Datei angehängt', other: '{count} Dateien angehängt' },
  chooseFile: 'Anzuhängende Datei',
  upload: 'Hochladen',
  uploading: '{name} wird hochgeladen',
  uploaded: '{name} ist angehängt.',
  noAttachments: 'Noch keine Datei angehängt.',
  tooBig: 'Diese Datei ist {size} groß; erlaubt sind höchstens {max}.',
  wrongType: 'Angenommen werden nur {types}-Dateien.',
  noFileChosen: 'Wählen Sie zuerst eine Datei.',
  fileName: 'Datei',
  fileType: 'Typ',
  fileSize: 'Größe',
  fileAdded: 'Hinzugefügt',
  actions: 'Aktionen',
  view: 'Ansehen',
  viewNamed: '{name} ansehen (öffnet in einem neuen Tab)',
  remove: 'Entfernen',
  removeNamed: '{name} entfernen',
  confirmRemoveTitle: '{name} entfernen?',
  confirmRemove:
    'Die Datei wird aus der Einreichung gelöscht. Solange die Einreichung änderbar ist, können Sie sie erneut hochladen.',
  confirmRemoveButton: 'Ja, entfernen',
  cancel: 'Abbrechen',
  removed: '{name} wurde entfernt.',
  fileTypes: { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' },

  submitTitle: 'Einreichen',
  submitLead:
    'Nach dem Einreichen geht die Einreichung zur Zulassungsprüfung an die Veranstalter und kann hier nicht mehr bearbeitet werden. Sie erhalten eine Bestätigung per E-Mail.',
  submit: 'Einreichung absenden',
  submitting: 'Wird eingereicht…',
  submitted: 'Die Einreichung ist abgesendet. Eine Bestätigung ist auf dem Weg in Ihr Postfach.',
  withdrawTitle: 'Zurückziehen',
  withdrawLead: 'Eine zurückgezogene Einreichung scheidet endgültig aus dem Wettbewerb aus.',
  withdraw: 'Einreichung zurückziehen',
  confirmWithdrawTitle: '„{title}“ zurückziehen?',
  confirmWithdraw:
    'Sie scheidet aus dem Wettbewerb aus und kann nicht erneut eingereicht werden. Die Jury wird sie nicht sehen.',
  confirmWithdrawButton: 'Ja, zurückziehen',
  withdrawn: 'Die Einreichung ist zurückgezogen.',

  readOnlyTitle: 'Nur lesen',
  readOnly: {
    submitted:
      'Eingereicht am {date}: Der Text liegt bei den Veranstaltern und kann nicht mehr bearbeitet werden.',
    closed:
      'Der Einreichungsschluss dieser Ausgabe war am {date}: Der Text kann nicht mehr bearbeitet werden.',
    notOpen: 'Diese Ausgabe nimmt derzeit keine Einreichungen an: Der Text kann nicht bearbeitet werden.',
    withdrawn: 'Zurückgezogen am {date}: Die Einreichung ist aus dem Wettbewerb ausgeschieden.',
    decided: 'Die Veranstalter haben diese Einreichung geprüft: Der Text kann nicht mehr bearbeitet werden.',
  },
  noAnswer: 'Keine Antwort.',

  history: 'Verlauf',
  historyEmpty: 'Bisher ist nichts geschehen: Die Einreichung ist ein Entwurf.',
  events: {
    submitted: 'Eingereicht',
    eligible: 'Von den Veranstaltern zugelassen',
    ineligible: 'Von den Veranstaltern nicht zugelassen',
    shortlisted: 'Auf die Shortlist gesetzt',
    finalist: 'Finalist laut veröffentlichten Ergebnissen',
    winner: 'Gewinner laut veröffentlichten Ergebnissen',
    withdrawn: 'Zurückgezogen',
  },
  reason: 'Begründung: {reason}',

  problems: {
    'nominations.not_found': 'Diese Einreichung gibt es nicht, oder Sie dürfen sie nicht sehen.',
    'nominations.members_only':
      'Nur Mitglieder des einreichenden Unternehmens dürfen seine Einreichungen ändern.',
    'nominations.not_yet_open': 'Die Einreichungsfrist dieser Ausgabe hat noch nicht begonnen.',
    'nominations.closed': 'Die Einreichungsfrist dieser Ausgabe ist abgelaufen.',
    'nominations.frozen': 'Die Einreichung kann nicht mehr geändert werden.',
    'nominations.not_draft': 'Nur ein Entwurf kann eingereicht werden.',
    'nominations.not_withdrawable': 'Diese Einreichung kann nicht mehr zurückgezogen werden.',
    'nominations.limit_reached':
      'Ihr Unternehmen hat in dieser Kategorie bereits so viele Einreichungen abgegeben, wie die Ausgabe erlaubt.',
    'nominations.incomplete':
      'Die Einreichung ist noch nicht vollständig. Ergänzen Sie, was unten markiert ist.',
    'nominations.identifies_company':
      'Die Jury dieser Ausgabe bewertet anonym: Entfernen Sie alles, was verrät, von wem die Einreichung stammt (Name, Website, Registernummer oder Personen des Unternehmens).',
    'nominations.invalid_answers': 'Einige Antworten passen nicht zu ihrer Frage.',
    'attachments.too_large': 'Die Datei ist größer als erlaubt.',
    'attachments.unsupported_type':
      'Angenommen werden nur PDF-, PNG- und JPEG-Dateien (maßgeblich ist der Inhalt der Datei).',
    'attachments.limit_reached': 'Die Einreichung hat bereits so viele Anhänge wie erlaubt.',
    'attachments.file_missing': 'Wählen Sie zuerst eine Datei.',
    'attachments.not_found': 'Diese Datei gibt es nicht mehr.',
    'editions.wrong_phase': 'Die Ausgabe ist dafür nicht in der richtigen Phase.',
    'categories.not_found': 'Diese Ausgabe hat keine solche Kategorie.',
  },
};
