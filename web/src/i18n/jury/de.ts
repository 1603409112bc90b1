import type { JuryMessages } from './en';

export const jury: JuryMessages = {
  title: 'Ihre Arbeit in der Jury',

  worklist: {
    calibrationEntry: 'Kalibrierung',
    sampleEntry: 'Beispieleinreichung',
    title: 'Ihre Arbeitsliste',
    lead: 'Die Ihnen zugewiesenen Nominierungen, nach Kategorie.',
    nothing:
      'Ihnen ist noch nichts zugewiesen. Sie erhalten eine E-Mail, sobald Ihnen Nominierungen zugewiesen werden.',
    round: 'Runde',
    roundOption: '{edition} — {round}',
    roundClosed: 'geschlossen',
    deadline: 'Frist: {date}',
    judgingEnds: 'Die Bewertung endet: {date}',
    closedNotice:
      'Diese Runde ist geschlossen: Ihre Bewertungsbögen können Sie lesen, aber nicht mehr ändern.',
    progress: {
      one: '{submitted} von {count} eingereicht',
      other: '{submitted} von {count} eingereicht',
    },
    progressLabel: 'Ihr Fortschritt in dieser Runde',
    declarationNeeded:
      'Bevor Sie eine Nominierung öffnen, füllen Sie Ihre Interessenerklärung für „{edition}“ aus.',
    declarationLink: 'Erklärung ausfüllen',
    declarationDone: 'Ihre Erklärung für „{edition}“ ist vollständig.',
    declarationReview: 'Ansehen',
    next: 'Als Nächstes zu bewerten: {title}',
    nextHint: 'Drücken Sie N, um sie zu öffnen.',
    allDone:
      'Sie haben alle Nominierungen dieser Runde eingereicht. Bis zum Ende der Runde können Sie sie noch ändern.',
    filters: 'Liste filtern',
    category: 'Kategorie',
    state: 'Stand',
    all: 'Alle',
    states: {
      not_started: 'Nicht begonnen',
      draft: 'Entwurf',
      submitted: 'Eingereicht',
    },
    stateLabel: 'Stand: {state}',
    noMatch: 'Keine Nominierung entspricht diesen Filtern.',
    showing: {
      one: '{count} Nominierung angezeigt',
      other: '{count} Nominierungen angezeigt',
    },
  },

  calibration: {
    title: 'Kalibrierung',
    lead: {
      one: 'Eine Nominierung dieser Runde dient der Kalibrierung: Alle Jurorinnen und Juroren des Panels bewerten sie, um zu vergleichen, wie jede und jeder bewertet. Bewerten Sie sie wie jede andere; sie nimmt nicht am Wettbewerb teil.',
      other:
        '{count} Nominierungen dieser Runde dienen der Kalibrierung: Alle Jurorinnen und Juroren des Panels bewerten sie, um zu vergleichen, wie jede und jeder bewertet. Bewerten Sie sie wie jede andere; sie nehmen nicht am Wettbewerb teil.',
    },
    pending: {
      one: 'Sobald Sie sie abgegeben haben (bisher {submitted} von {count}), sehen Sie, wie weit Ihre Gesamtwertung vom Median des Panels abweicht.',
      other:
        'Sobald Sie alle abgegeben haben (bisher {submitted} von {count}), sehen Sie, wie weit Ihre Gesamtwertungen vom Median des Panels abweichen.',
    },
    summary:
      'Im Mittel weichen Ihre Gesamtwertungen um {mean} vom Median des Panels ab. Die Bewertungen anderer werden nicht gezeigt.',
    caption: 'Ihre Gesamtwertungen der Kalibrierungseinreichungen im Vergleich zum Median des Panels',
    entry: 'Kalibrierungseinreichung',
    total: 'Ihre Gesamtwertung',
    deviation: 'Abweichung vom Median',
  },

  distribution: {
    title: 'Ihre Bewertungen in dieser Runde',
    lead: 'Wie sich Ihre eingereichten Gesamtwerte über die Skala verteilen. Hier zählen nur Ihre eigenen Bewertungsbögen; die Bewertungen anderer werden nicht gezeigt.',
    none: 'Sie haben in dieser Kategorie noch keinen Bewertungsbogen eingereicht.',
    summary:
      'Ihre Gesamtwerte reichen von {lowest} bis {highest} auf einer Skala von {min} bis {max}; ihr Mittelwert ist {mean}.',
    caption: '{category}: Ihre Gesamtwerte, auf ganze Zahlen gerundet',
    value: 'Gesamtwert',
    count: 'Bewertungsbögen',
    submitted: {
      one: '{count} Bewertungsbogen eingereicht',
      other: '{count} Bewertungsbögen eingereicht',
    },
  },

  declarations: {
    title: 'Ihre Interessenerklärung',
    lead: 'Für „{edition}“. Füllen Sie sie aus, bevor Sie eine Nominierung öffnen.',
    complete:
      'Ihre Erklärung ist vollständig (bestätigt am {date}). Entsteht später ein Interessenkonflikt, erklären Sie ihn hier.',
    incomplete:
      'Ihre Erklärung ist noch nicht vollständig: Die Nominierungen bleiben Ihnen verschlossen, bis Sie sie bestätigen.',
    closed: 'Erklärungen für diese Ausgabe werden nicht mehr angenommen.',
    toWorklist: 'Zu Ihrer Arbeitsliste',
    employerTitle: 'Ihr Arbeitgeber',
    employerLegend: 'Für wen arbeiten Sie?',
    employerHint:
      'Arbeiten Sie für eines der teilnehmenden Unternehmen, wählen Sie es aus: Dessen Nominierungen bewerten Sie dann nicht.',
    employerNone: 'Für keines der teilnehmenden Unternehmen',
    employerSave: 'Arbeitgeber speichern',
    employerSaved: 'Ihr Arbeitgeber ist gespeichert.',
    conflictsTitle: 'Interessenkonflikte',
    conflictsLegend: 'Unternehmen, mit denen Sie einen Interessenkonflikt haben',
    conflictsHint:
      'Kreuzen Sie jedes Unternehmen an, für das Sie gearbeitet haben, das Sie beraten haben, an dem Sie beteiligt sind oder dem Sie nahestehen. Dessen Nominierungen sehen Sie nicht.',
    companiesCount: {
      one: '{count} teilnehmendes Unternehmen',
      other: '{count} teilnehmende Unternehmen',
    },
    noCompanies: 'An dieser Ausgabe nimmt noch kein Unternehmen teil.',
    sources: {
      declared: 'von Ihnen erklärt',
      organiser: 'von den Veranstaltern erfasst',
      membership: 'Sie sind Mitglied',
      employer: 'Ihr Arbeitgeber',
    },
    reason: 'Was Sie mit den angekreuzten Unternehmen verbindet',
    reasonHint: 'Das lesen die Veranstalter, nie die Nominierten.',
    declare: 'Angekreuzte Konflikte erklären',
    declared: 'Ihre Interessenkonflikte sind erfasst.',
    pickOne: 'Kreuzen Sie mindestens ein Unternehmen an.',
    reasonRequired: 'Geben Sie an, was Sie mit ihnen verbindet.',
    yourConflicts: 'Ihre erklärten Interessenkonflikte',
    noConflicts: 'Sie haben keinen Interessenkonflikt erklärt.',
    confirmTitle: 'Bedingungen und Bestätigung',
    confirmLegend: 'Vertraulichkeit und Vollständigkeit',
    terms: [
      'Sie behandeln alles, was Sie in den Nominierungen lesen, vertraulich – während der Bewertung und danach.',
      'Sie bewerten jede Nominierung in der Sache, nach den veröffentlichten Kriterien und eigenständig.',
      'Sie nehmen keinen Kontakt zu Nominierten wegen ihrer Einreichungen auf.',
      'Sie haben jedes Unternehmen erklärt, mit dem Sie einen Interessenkonflikt haben.',
    ],
    accept: 'Ich akzeptiere diese Bedingungen, und meine Erklärung ist vollständig',
    termsAccepted: 'Sie haben diese Bedingungen am {date} akzeptiert.',
    acceptRequired: 'Kreuzen Sie das Feld an, um die Bedingungen zu akzeptieren.',
    confirm: 'Erklärung bestätigen',
    confirmed: 'Danke: Ihre Erklärung ist vollständig.',
    saving: 'Wird gespeichert…',
  },
};
