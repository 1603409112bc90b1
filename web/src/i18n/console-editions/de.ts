import type { ConsoleEditionsMessages } from './en';

export const consoleEditions: ConsoleEditionsMessages = {
  list: {
    title: 'Ausgaben',
    lead: 'Alle Ausgaben des Preises, die neueste zuerst, Entwürfe eingeschlossen.',
    create: 'Ausgabe anlegen',
    none: 'Es gibt noch keine Ausgabe.',
    caption: 'Ausgaben',
    edition: 'Ausgabe',
    phase: 'Phase',
    nominations: 'Einreichungen',
    judging: 'Bewertung',
    range: '{from} bis {to}',
    count: { one: '{count} Ausgabe', other: '{count} Ausgaben' },
  },

  create: {
    title: 'Ausgabe anlegen',
    lead: 'Eine neue Ausgabe beginnt als Entwurf, den nur Organisatoren sehen, mit den vier Standardkategorien und ihren Kriterien. Bis die Einreichungen öffnen, lässt sich alles ändern.',
    submit: 'Ausgabe anlegen',
    creating: 'Wird angelegt …',
    backToList: 'Zurück zu den Ausgaben',
  },

  form: {
    identity: 'Name und Adresse',
    name: 'Name',
    nameHint: 'So lesen ihn Teilnehmende, Jury und Öffentlichkeit, z. B. „Magistral Awards 2027“.',
    slug: 'Kurzname (Slug)',
    slugHint:
      'Der Name der Ausgabe in Webadressen: Kleinbuchstaben, Ziffern und einzelne Bindestriche, z. B. „magistral-2027“. Nach der Veröffentlichung unveränderlich.',
    timeline: 'Zeitplan',
    timelineHint:
      'Datum und Uhrzeit in {zone}. In dieser Reihenfolge: Einreichungen öffnen, Einreichungen schließen, Bewertung öffnet, Bewertung schließt.',
    nominationsOpenAt: 'Einreichungen öffnen',
    nominationsCloseAt: 'Einreichungen schließen',
    judgingOpenAt: 'Bewertung öffnet',
    judgingCloseAt: 'Bewertung schließt',
    resultsEmbargoUntil: 'Ergebnisse gesperrt bis (optional)',
    embargoHint:
      'Vor diesem Zeitpunkt werden keine Ergebnisse veröffentlicht. Leer lassen für keine Sperrfrist.',
    rules: 'Regeln',
    scoringMethod: 'Wertungsmethode',
    scoringMethods: {
      mean: 'Mittelwert der Gesamtwertungen der Jury',
      trimmed_mean: 'Gestutztes Mittel (ab 3 Wertungen fallen die höchste und die niedrigste weg)',
      zscore: 'Standardisiert (z-Werte: gleicht strenge und milde Jurymitglieder aus)',
    },
    tieBreakers: 'Regeln bei Gleichstand',
    tieBreakersHint: 'Werden in dieser Reihenfolge angewandt, wenn zwei Einreichungen gleich bewertet sind.',
    tieBreakersNone: 'Keine Regel: Gleiche Wertungen teilen sich einen Rang.',
    tieBreakerNames: {
      median: 'Höherer Median der Gesamtwertungen',
      top_marks: 'Mehr Jurymitglieder gaben ihr ihre höchste Gesamtwertung',
      criterion: 'Höherer Mittelwert beim Kriterium „{name}“ ({code})',
    },
    addTieBreaker: 'Regel bei Gleichstand hinzufügen',
    chooseTieBreaker: 'Regel wählen',
    add: 'Hinzufügen',
    moveUp: 'Nach oben: {name}',
    moveDown: 'Nach unten: {name}',
    remove: 'Entfernen: {name}',
    minScorecards: 'Mindestzahl der Bewertungsbögen',
    minScorecardsHint: 'Eine Einreichung mit weniger abgegebenen Bögen erhält keinen Rang.',
    blind: 'Anonyme Bewertung',
    blindHint: 'Die Jury erfährt nie, welches Unternehmen hinter einer Einreichung steht.',
    calibrationFeedback: 'Jury sieht ihre Kalibrierung',
    calibrationFeedbackHint:
      'Wer alle Kalibrierungseinreichungen einer Runde abgegeben hat, sieht, wie weit die eigenen Gesamtwertungen vom Median des Panels abweichen (nie die Bewertungen anderer).',
    publishJuryStatistics: 'Statistik der Jury mit den Ergebnissen veröffentlichen',
    publishJuryStatisticsHint:
      'Manifest und öffentliche Ergebnisseite nennen dann je Kategorie die Übereinstimmung der Jury (Krippendorffs α mit 95-%-Intervall) und ob der Sieg knapp war, Juroren unter Pseudonym; wer die Ergebnisse prüft, rechnet beides nach.',
    maxNominations: 'Einreichungen pro Unternehmen und Kategorie',
    maxNominationsHint: 'Wie viele Einreichungen ein Unternehmen in einer Kategorie abgeben darf.',
    reminderLeadHours: 'Erinnerung vorab, in Stunden',
    reminderLeadHoursHint:
      'So lange vor dem Ende einer Runde werden Jurymitglieder erinnert, die im Rückstand sind.',
    minJurorAgreement: 'Juror markieren, wenn die Übereinstimmung unter',
    minJurorAgreementHint:
      'Übereinstimmung eines Jurors mit den anderen (Rangkorrelation, −1 bis 1); Standard 0,3. In den Ergebnissen der Runde gezeigt.',
    maxJurorLeniencySigma: 'Juror markieren, der milder oder strenger ist als, in σ',
    maxJurorLeniencySigmaHint:
      'Wie weit die Noten eines Jurors über oder unter denen der anderen liegen dürfen, in Standardabweichungen aller Summen; Standard 1.',
    judgingRulesFrozen:
      'Die Bewertung hat begonnen: Wertungsmethode, Regeln bei Gleichstand, Mindestzahl der Bögen, anonyme Bewertung und die Veröffentlichung der Jury-Statistik stehen fest, damit die Rangfolge den Regeln folgt, nach denen die Jury bewertet hat.',
    save: 'Änderungen speichern',
    saved: 'Die Änderungen sind gespeichert.',
    nothingChanged: 'Es wurde nichts geändert.',
    stale:
      'Jemand hat diese Ausgabe geändert, nachdem Sie sie geöffnet haben. Laden Sie sie neu, um die Änderungen zu sehen, und nehmen Sie Ihre dann erneut vor.',
    reload: 'Ausgabe neu laden',
  },

  overview: {
    phaseTitle: 'Wo die Ausgabe steht',
    phaseBar: 'Phasen der Ausgabe',
    done: 'erledigt',
    current: 'aktuell',
    next: 'Als Nächstes: {phase}',
    last: 'Die Ausgabe ist archiviert: Sie geht nicht weiter.',
    blockersTitle: 'Bevor es weitergehen kann',
    noBlockers: 'Nichts steht im Weg.',
    advance: 'Weiter zu „{phase}“',
    confirmTitle: 'Die Ausgabe in die Phase „{phase}“ versetzen?',
    confirmText: 'Ausgaben gehen nur vorwärts: Das lässt sich nicht rückgängig machen.',
    confirm: 'Weiter',
    moved: 'Die Ausgabe ist jetzt in der Phase „{phase}“.',
    editTitle: 'Name, Zeitplan und Regeln',
    whatNext: {
      nominations:
        'Öffnet die Ausgabe für Teilnehmende: Sie sehen sie und können vom {nominationsOpenAt} bis zum {nominationsCloseAt} Einreichungen verfassen und abgeben.',
      eligibility:
        'Beendet die Einreichungsphase: Es kann nichts mehr abgegeben werden, und Sie entscheiden, welche Einreichungen zugelassen sind.',
      judging:
        'Öffnet die Bewertung: Kategorien, Kriterien und Bewertungsregeln stehen dann fest, und die Jury bewertet ihre Einreichungen vom {judgingOpenAt} bis zum {judgingCloseAt}.',
      tallying:
        'Beendet die Bewertung: Bewertungsbögen ändern sich nicht mehr, die Wertungen werden ausgezählt.',
      results_ready: 'Kennzeichnet die Ergebnisse als endgültig und bereit zur Veröffentlichung.',
      published: 'Veröffentlicht die Ergebnisse: Die öffentliche Seite und ihr Manifest gehen online.',
      archived: 'Archiviert die Ausgabe: Sie bleibt als Aufzeichnung erhalten und ändert sich nicht mehr.',
    },
    blockers: {
      'editions.no_categories':
        'Die Ausgabe hat keine Kategorie. Legen Sie auf der Seite „Kategorien“ mindestens eine an.',
      'editions.results_embargoed': 'Die Ergebnisse sind bis {resultsEmbargoUntil} gesperrt.',
      'nominations.eligibility_undecided': {
        one: '{count} eingereichte Nominierung hat noch keine Entscheidung über die Zulassung.',
        other: '{count} eingereichte Nominierungen haben noch keine Entscheidung über die Zulassung.',
      },
      'rounds.none':
        'Die Ausgabe hat keine Runde, in der die Jury bewerten kann. Legen Sie eine auf der Seite „Runden“ an.',
      'panels.missing': {
        one: 'Eine Kategorie mit zugelassenen Nominierungen hat niemanden in ihrer Jury: {categories}.',
        other:
          '{count} Kategorien mit zugelassenen Nominierungen haben niemanden in ihrer Jury: {categories}.',
      },
    },
  },

  categories: {
    title: 'Kategorien und Kriterien',
    lead: 'Die Preise dieser Ausgabe und die Kriterien, nach denen jede Einreichung bewertet wird. Teilnehmende lesen sie in ihrer Sprache: Füllen Sie alle vier aus.',
    frozen:
      'Die Bewertung hat begonnen: Kategorien und Kriterien stehen fest, damit die ganze Jury nach denselben Kriterien bewertet und die Ergebnisse nachprüfbar sind. Sie werden so gezeigt, wie sie sind.',
    none: 'Die Ausgabe hat noch keine Kategorie.',
    code: 'Code',
    codeHint: '2 bis 40 Zeichen: Kleinbuchstaben, Ziffern und _.',
    name: 'Name',
    description: 'Beschreibung',
    languages: { en: 'Englisch', ru: 'Russisch', kk: 'Kasachisch', de: 'Deutsch' },
    inLanguage: '{field} ({language})',
    questions: 'Fragen an die Teilnehmenden',
    noQuestions: 'Keine Fragen: Teilnehmende schreiben einen Titel, eine Zusammenfassung und Kennzahlen.',
    question: 'Frage {number}',
    questionPrompt: 'Frage',
    required: 'Eine Antwort ist erforderlich',
    optional: 'optional',
    maxLength: 'Längste Antwort, in Zeichen',
    answerUpTo: { one: 'bis zu {count} Zeichen', other: 'bis zu {count} Zeichen' },
    addQuestion: 'Frage hinzufügen',
    removeQuestion: 'Frage {number} entfernen',
    criteria: 'Kriterien',
    criteriaCaption: 'Kriterien von „{category}“',
    weight: 'Gewicht',
    weightHint: 'Eine positive Zahl, z. B. 1 oder 1.5: wie stark das Kriterium in die Gesamtwertung eingeht.',
    scale: 'Skala',
    scaleRange: '{min}–{max}',
    scaleMin: 'Niedrigste Note',
    scaleMax: 'Höchste Note',
    actions: 'Aktionen',
    editCategory: 'Kategorie bearbeiten',
    editCriterion: '{name} bearbeiten',
    addCriterion: 'Kriterium hinzufügen',
    addCategory: 'Kategorie hinzufügen',
    newCategory: 'Eine neue Kategorie',
    firstCriterion: 'Ihr erstes Kriterium',
    newCriterion: 'Ein neues Kriterium für „{category}“',
    editingCategory: '„{category}“ bearbeiten',
    editingCriterion: 'Das Kriterium „{criterion}“ bearbeiten',
    save: 'Speichern',
    cancel: 'Abbrechen',
    saved: 'Gespeichert.',
    removed: 'Entfernt.',
    remove: 'Entfernen',
    removeCategory: 'Kategorie entfernen',
    removeCategoryTitle: 'Die Kategorie „{name}“ entfernen?',
    removeCategoryText:
      'Ihre Kriterien und Fragen werden mit entfernt. Eine Kategorie mit Nominierungen kann nicht entfernt werden.',
    removeCriterion: '{name} entfernen',
    removeCriterionTitle: 'Das Kriterium „{name}“ entfernen?',
    removeCriterionText:
      'Die Jury bewertet es dann nicht mehr. Eine Kategorie behält mindestens ein Kriterium.',
    removeQuestionTitle: 'Die Frage „{prompt}“ entfernen?',
    removeQuestionText: 'Teilnehmende werden sie nicht mehr gefragt.',
  },

  problems: {
    'editions.not_found': 'Diese Ausgabe gibt es nicht.',
    'editions.slug_taken':
      'Eine andere Ausgabe verwendet diesen Kurznamen bereits. Wählen Sie einen anderen.',
    'editions.slug_frozen':
      'Die Ausgabe ist veröffentlicht: Ihr Kurzname steht in öffentlichen Links und kann sich nicht mehr ändern.',
    'editions.invalid_timeline':
      'Die Daten sind nicht in der richtigen Reihenfolge: Einreichungen öffnen, Einreichungen schließen, Bewertung öffnet, Bewertung schließt, dann endet die Sperrfrist.',
    'editions.invalid_tie_breakers':
      'Eine Regel bei Gleichstand nennt ein Kriterium, das keine Kategorie dieser Ausgabe hat.',
    'editions.invalid_phase_transition':
      'Die Ausgabe ist inzwischen weitergegangen. Laden Sie die Seite neu, um zu sehen, wo sie jetzt steht.',
    'editions.wrong_phase': 'Die Ausgabe ist archiviert: Sie kann nicht mehr geändert werden.',
    'editions.no_categories':
      'Die Einreichungen können nicht öffnen: Die Ausgabe hat keine Kategorie. Legen Sie auf der Seite „Kategorien“ mindestens eine an.',
    'editions.results_embargoed':
      'Die Ergebnisse können vor dem Ende der Sperrfrist nicht veröffentlicht werden.',
    'editions.judging_rules_frozen':
      'Die Bewertung hat begonnen: Wertungsmethode, Regeln bei Gleichstand, Mindestzahl der Bögen und anonyme Bewertung können sich nicht mehr ändern.',
    'editions.categories_frozen':
      'Die Bewertung hat begonnen: Kategorien und Kriterien können sich nicht mehr ändern, damit die ganze Jury nach denselben Kriterien bewertet.',
    'categories.not_found': 'Diese Kategorie gibt es nicht mehr.',
    'categories.code_taken': 'Eine andere Kategorie dieser Ausgabe verwendet diesen Code bereits.',
    'categories.duplicate_codes': 'Jeder Code darf nur einmal vorkommen.',
    'criteria.not_found': 'Dieses Kriterium gibt es nicht mehr.',
    'criteria.code_taken': 'Ein anderes Kriterium dieser Kategorie verwendet diesen Code bereits.',
    'criteria.invalid_scale': 'Die niedrigste Note muss unter der höchsten liegen.',
    'criteria.in_tie_breakers':
      'Eine Regel bei Gleichstand nennt den Code dieses Kriteriums. Ändern Sie zuerst die Regeln bei Gleichstand.',
    'nominations.eligibility_undecided':
      'Die Bewertung kann nicht beginnen: Eingereichte Nominierungen warten noch auf die Entscheidung über die Zulassung ({count}).',
    'rounds.none':
      'Die Bewertung kann nicht beginnen: Die Ausgabe hat noch keine Runde. Legen Sie eine auf der Seite „Runden“ an.',
    'panels.missing':
      'Die Bewertung kann nicht beginnen: In der Jury dieser Kategorien mit zugelassenen Nominierungen sitzt niemand: {categories}.',
    'categories.in_use': 'Diese Kategorie hat bereits Nominierungen und kann daher nicht entfernt werden.',
    'criteria.last_criterion':
      'Eine Kategorie braucht mindestens ein Kriterium: Legen Sie zuerst ein anderes an.',
    'criteria.in_use': 'Es gibt Bewertungen zu diesem Kriterium, daher kann es nicht entfernt werden.',
  },
};
