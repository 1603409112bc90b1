import type { Locale } from '../../common/auth/roles.js';
import type { PublicResults } from '../publication/manifest.js';

/** A message that depends on a count, per CLDR plural category (`Intl.PluralRules`); `other` is required. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Every text of the public results pages. Each locale is a `PageMessages`: a key missing in any locale fails
 * the compiler. `{n}` in a plural is the formatted count.
 */
export interface PageMessages {
  siteName: string;
  languageName: string;
  languageSwitch: string;
  skipToContent: string;
  editionsTitle: string;
  editionsIntro: string;
  noEditions: string;
  published: (date: string) => string;
  categories: Plural;
  nominations: Plural;
  allResults: string;
  resultsOf: (edition: string) => string;
  resultsDescription: (edition: string, winners: string) => string;
  round: (name: string, number: number) => string;
  methods: Record<PublicResults['method'], string>;
  method: (name: string) => string;
  winner: string;
  winners: string;
  noWinner: string;
  rankingCaption: (category: string) => string;
  rank: string;
  nomination: string;
  company: string;
  score: string;
  scorecards: string;
  note: string;
  unranked: string;
  tied: string;
  insufficient: string;
  tieBrokenBy: (tieBreaker: string) => string;
  tieBreakers: { median: string; top_marks: string; criterion: (code: string) => string };
  statusWinner: string;
  statusFinalist: string;
  verifyTitle: string;
  verifyIntro: string;
  manifestDigest: string;
  manifestLink: string;
  verifyHow: string;
  verifyResult: string;
  auditHead: string;
  notFoundTitle: string;
  notFoundText: string;
}

export const MESSAGES: Record<Locale, PageMessages> = {
  en: {
    siteName: 'Magistral Awards',
    languageName: 'English',
    languageSwitch: 'Language',
    skipToContent: 'Skip to content',
    editionsTitle: 'Published results',
    editionsIntro:
      'Every edition whose results are public, with its full ranking and a manifest anyone can check.',
    noEditions: 'No results have been published yet.',
    published: (date) => `Published ${date}`,
    categories: { one: '{n} category', other: '{n} categories' },
    nominations: { one: '{n} nomination', other: '{n} nominations' },
    allResults: 'All published results',
    resultsOf: (edition) => `Results of ${edition}`,
    resultsDescription: (edition, winners) => `The winners and full ranking of ${edition}: ${winners}.`,
    round: (name, number) => `Round ${number}: ${name}`,
    methods: {
      mean: 'weighted mean',
      trimmed_mean: 'trimmed mean',
      zscore: 'z-scores (each juror’s scores standardised)',
    },
    method: (name) => `Scores combined by ${name}.`,
    winner: 'Winner',
    winners: 'Winners',
    noWinner: 'No nomination was ranked in this category.',
    rankingCaption: (category) => `Full ranking: ${category}`,
    rank: 'Rank',
    nomination: 'Nomination',
    company: 'Company',
    score: 'Score',
    scorecards: 'Scorecards',
    note: 'Note',
    unranked: 'not ranked',
    tied: 'Tie: equal on score and every tie-breaker, the rank is shared.',
    insufficient: 'Too few scorecards to be ranked.',
    tieBrokenBy: (tieBreaker) => `Equal score; the tie was decided by ${tieBreaker}.`,
    tieBreakers: {
      median: 'the median score',
      top_marks: 'the number of top marks',
      criterion: (code) => `the criterion “${code}”`,
    },
    statusWinner: 'winner',
    statusFinalist: 'finalist',
    verifyTitle: 'Check these results yourself',
    verifyIntro:
      'The manifest holds every counted scorecard (jurors under pseudonyms), the rules and the ranking. Its SHA-256 is published here; anyone can recompute the ranking from it.',
    manifestDigest: 'Manifest SHA-256',
    manifestLink: 'Download the manifest (JSON)',
    verifyHow: 'With a copy of Magistral (open source), run:',
    verifyResult: 'It checks the digest and recomputes every category’s ranking from the scores alone.',
    auditHead: 'Audit log head at publication',
    notFoundTitle: 'No published results here',
    notFoundText: 'There are no published results at this address.',
  },
  ru: {
    siteName: 'Премия «Магистраль»',
    languageName: 'Русский',
    languageSwitch: 'Язык',
    skipToContent: 'К содержанию',
    editionsTitle: 'Опубликованные итоги',
    editionsIntro:
      'Все конкурсы с опубликованными итогами: полный рейтинг и манифест, который может проверить каждый.',
    noEditions: 'Итоги ещё не опубликованы.',
    published: (date) => `Опубликовано ${date}`,
    categories: { one: '{n} категория', few: '{n} категории', many: '{n} категорий', other: '{n} категории' },
    nominations: {
      one: '{n} номинация',
      few: '{n} номинации',
      many: '{n} номинаций',
      other: '{n} номинации',
    },
    allResults: 'Все опубликованные итоги',
    resultsOf: (edition) => `Итоги: ${edition}`,
    resultsDescription: (edition, winners) => `Победители и полный рейтинг конкурса ${edition}: ${winners}.`,
    round: (name, number) => `Тур ${number}: ${name}`,
    methods: {
      mean: 'взвешенное среднее',
      trimmed_mean: 'усечённое среднее',
      zscore: 'z-оценки (оценки каждого члена жюри стандартизированы)',
    },
    method: (name) => `Способ сведения оценок: ${name}.`,
    winner: 'Победитель',
    winners: 'Победители',
    noWinner: 'В этой категории нет номинаций в рейтинге.',
    rankingCaption: (category) => `Полный рейтинг: ${category}`,
    rank: 'Место',
    nomination: 'Номинация',
    company: 'Компания',
    score: 'Балл',
    scorecards: 'Оценочные листы',
    note: 'Примечание',
    unranked: 'вне рейтинга',
    tied: 'Ничья: баллы и все дополнительные показатели равны, место разделено.',
    insufficient: 'Недостаточно оценочных листов для рейтинга.',
    tieBrokenBy: (tieBreaker) => `Равный балл; исход решил дополнительный показатель: ${tieBreaker}.`,
    tieBreakers: {
      median: 'медиана оценок',
      top_marks: 'число высших оценок',
      criterion: (code) => `критерий «${code}»`,
    },
    statusWinner: 'победитель',
    statusFinalist: 'финалист',
    verifyTitle: 'Проверьте итоги сами',
    verifyIntro:
      'Манифест содержит все учтённые оценочные листы (члены жюри под псевдонимами), правила и рейтинг. Его SHA-256 опубликован здесь; любой может пересчитать рейтинг.',
    manifestDigest: 'SHA-256 манифеста',
    manifestLink: 'Скачать манифест (JSON)',
    verifyHow: 'С копией Magistral (открытый код) выполните:',
    verifyResult: 'Команда проверит хеш и пересчитает рейтинг каждой категории только по оценкам.',
    auditHead: 'Вершина журнала аудита при публикации',
    notFoundTitle: 'Здесь нет опубликованных итогов',
    notFoundText: 'По этому адресу нет опубликованных итогов.',
  },
  kk: {
    siteName: '«Магистраль» сыйлығы',
    languageName: 'Қазақша',
    languageSwitch: 'Тіл',
    skipToContent: 'Мазмұнға өту',
    editionsTitle: 'Жарияланған қорытындылар',
    editionsIntro:
      'Қорытындысы жарияланған барлық байқаулар: толық рейтинг және кез келген адам тексере алатын манифест.',
    noEditions: 'Қорытындылар әлі жарияланған жоқ.',
    published: (date) => `Жарияланды: ${date}`,
    categories: { one: '{n} санат', other: '{n} санат' },
    nominations: { one: '{n} номинация', other: '{n} номинация' },
    allResults: 'Барлық жарияланған қорытындылар',
    resultsOf: (edition) => `${edition}: қорытындылар`,
    resultsDescription: (edition, winners) =>
      `${edition} байқауының жеңімпаздары мен толық рейтингі: ${winners}.`,
    round: (name, number) => `${number}-кезең: ${name}`,
    methods: {
      mean: 'салмақты орташа',
      trimmed_mean: 'қиылған орташа',
      zscore: 'z-бағалар (әр қазы бағалары стандартталған)',
    },
    method: (name) => `Бағаларды біріктіру әдісі: ${name}.`,
    winner: 'Жеңімпаз',
    winners: 'Жеңімпаздар',
    noWinner: 'Бұл санатта рейтингке енген номинация жоқ.',
    rankingCaption: (category) => `Толық рейтинг: ${category}`,
    rank: 'Орын',
    nomination: 'Номинация',
    company: 'Компания',
    score: 'Балл',
    scorecards: 'Бағалау парақтары',
    note: 'Ескертпе',
    unranked: 'рейтингтен тыс',
    tied: 'Тең: балл мен барлық қосымша көрсеткіштер бірдей, орын бөлінеді.',
    insufficient: 'Рейтинг үшін бағалау парақтары жеткіліксіз.',
    tieBrokenBy: (tieBreaker) => `Балл тең; нәтижені қосымша көрсеткіш шешті: ${tieBreaker}.`,
    tieBreakers: {
      median: 'бағалар медианасы',
      top_marks: 'ең жоғары бағалар саны',
      criterion: (code) => `«${code}» критерийі`,
    },
    statusWinner: 'жеңімпаз',
    statusFinalist: 'финалист',
    verifyTitle: 'Қорытындыларды өзіңіз тексеріңіз',
    verifyIntro:
      'Манифестте есепке алынған барлық бағалау парақтары (қазылар бүркеншік атпен), ережелер және рейтинг бар. Оның SHA-256 хэші осында жарияланған; рейтингті кез келген адам қайта есептей алады.',
    manifestDigest: 'Манифесттің SHA-256 хэші',
    manifestLink: 'Манифестті жүктеу (JSON)',
    verifyHow: 'Magistral көшірмесімен (ашық код) орындаңыз:',
    verifyResult: 'Команда хэшті тексеріп, әр санаттың рейтингін тек бағалар бойынша қайта есептейді.',
    auditHead: 'Жариялау кезіндегі аудит журналының басы',
    notFoundTitle: 'Мұнда жарияланған қорытынды жоқ',
    notFoundText: 'Бұл мекенжайда жарияланған қорытынды жоқ.',
  },
  de: {
    siteName: 'Magistral Awards',
    languageName: 'Deutsch',
    languageSwitch: 'Sprache',
    skipToContent: 'Zum Inhalt',
    editionsTitle: 'Veröffentlichte Ergebnisse',
    editionsIntro:
      'Alle Ausgaben mit veröffentlichten Ergebnissen, mit vollständiger Rangliste und einem Manifest, das jeder prüfen kann.',
    noEditions: 'Es sind noch keine Ergebnisse veröffentlicht.',
    published: (date) => `Veröffentlicht am ${date}`,
    categories: { one: '{n} Kategorie', other: '{n} Kategorien' },
    nominations: { one: '{n} Nominierung', other: '{n} Nominierungen' },
    allResults: 'Alle veröffentlichten Ergebnisse',
    resultsOf: (edition) => `Ergebnisse: ${edition}`,
    resultsDescription: (edition, winners) =>
      `Gewinner und vollständige Rangliste der ${edition}: ${winners}.`,
    round: (name, number) => `Runde ${number}: ${name}`,
    methods: {
      mean: 'gewichteter Mittelwert',
      trimmed_mean: 'getrimmter Mittelwert',
      zscore: 'z-Werte (die Bewertungen jedes Jurymitglieds standardisiert)',
    },
    method: (name) => `Bewertungen zusammengeführt per ${name}.`,
    winner: 'Gewinner',
    winners: 'Gewinner',
    noWinner: 'In dieser Kategorie wurde keine Nominierung gereiht.',
    rankingCaption: (category) => `Vollständige Rangliste: ${category}`,
    rank: 'Rang',
    nomination: 'Nominierung',
    company: 'Unternehmen',
    score: 'Punkte',
    scorecards: 'Bewertungsbögen',
    note: 'Hinweis',
    unranked: 'nicht gereiht',
    tied: 'Gleichstand bei Punkten und allen Entscheidungskriterien: der Rang wird geteilt.',
    insufficient: 'Zu wenige Bewertungsbögen für eine Reihung.',
    tieBrokenBy: (tieBreaker) => `Gleiche Punktzahl; entschieden durch ${tieBreaker}.`,
    tieBreakers: {
      median: 'den Median der Bewertungen',
      top_marks: 'die Zahl der Höchstwertungen',
      criterion: (code) => `das Kriterium „${code}“`,
    },
    statusWinner: 'Gewinner',
    statusFinalist: 'Finalist',
    verifyTitle: 'Prüfen Sie die Ergebnisse selbst',
    verifyIntro:
      'Das Manifest enthält jeden gezählten Bewertungsbogen (Jurymitglieder unter Pseudonymen), die Regeln und die Rangliste. Sein SHA-256 ist hier veröffentlicht; jeder kann die Rangliste nachrechnen.',
    manifestDigest: 'SHA-256 des Manifests',
    manifestLink: 'Manifest herunterladen (JSON)',
    verifyHow: 'Mit einer Kopie von Magistral (Open Source) ausführen:',
    verifyResult:
      'Der Befehl prüft den Hash und berechnet die Rangliste jeder Kategorie allein aus den Bewertungen neu.',
    auditHead: 'Kopf des Audit-Protokolls bei Veröffentlichung',
    notFoundTitle: 'Hier sind keine Ergebnisse veröffentlicht',
    notFoundText: 'Unter dieser Adresse sind keine Ergebnisse veröffentlicht.',
  },
};

/** `{n}` of the plural form `Intl.PluralRules` picks for `count` in `locale`, with the count formatted. */
export function plural(locale: Locale, message: Plural, count: number): string {
  const form = message[new Intl.PluralRules(locale).select(count)] ?? message.other;
  return form.replace('{n}', new Intl.NumberFormat(locale).format(count));
}
