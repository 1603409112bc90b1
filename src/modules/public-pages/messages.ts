import type { Locale } from '../../common/auth/roles.js';
import type { PublicResults } from '../publication/manifest.js';
import type { StatedAlpha } from '../publication/manifest.js';

type AlphaReason = Extract<StatedAlpha, { value: null }>['reason'];

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
  /** Jury statistics, where the edition publishes them: `value`, `low` and `high` already formatted. */
  juryStatisticsTitle: string;
  juryAgreement: (value: string, units: string) => string;
  juryAgreementInterval: (value: string, low: string, high: string, units: string) => string;
  /** `{n}` nominations alpha was computed on. */
  alphaUnits: Plural;
  juryAgreementNone: Record<AlphaReason, string>;
  fragile: string;
  fragileIntro: string;
  fragileMethod: (method: string, winners: string) => string;
  fragileJuror: (juror: string, winners: string) => string;
  /** One juror's total for `title` changed by `amount` points (within `margin`) levels the first two. */
  fragileRaise: (juror: string, title: string, amount: string, margin: string) => string;
  fragileLower: (juror: string, title: string, amount: string, margin: string) => string;
  noWinners: string;
  robust: (margin: string) => string;
  notFoundTitle: string;
  notFoundText: string;
}

/** "1 point", "0.35 points": English and German count a whole one in the singular, anything else in the plural. */
const points = (amount: string, one: string, other: string) => `${amount} ${amount === '1' ? one : other}`;

/**
 * Russian "N баллов" after «на» (accusative: на 1 балл, на 3 балла, на 5 баллов) or «до» (genitive: до 1 балла,
 * до 3 баллов); a fraction takes «балла» either way (на 0,35 балла, до 1,5 балла).
 */
const ruPoints = (amount: string, after: 'на' | 'до') => {
  if (!/^\d+$/.test(amount)) return `${amount} балла`;
  const n = Number(amount.slice(-2));
  const one = n % 10 === 1 && n !== 11;
  const few = n % 10 >= 2 && n % 10 <= 4 && (n < 12 || n > 14);
  const word = after === 'на' ? (one ? 'балл' : few ? 'балла' : 'баллов') : one ? 'балла' : 'баллов';
  return `${amount} ${word}`;
};

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
    juryStatisticsTitle: 'How far to trust this ranking',
    juryAgreement: (value, units) => `Jury agreement (Krippendorff’s α): ${value}, over ${units}.`,
    juryAgreementInterval: (value, low, high, units) =>
      `Jury agreement (Krippendorff’s α): ${value}, 95 % interval ${low}–${high}, over ${units}.`,
    alphaUnits: {
      one: '{n} nomination scored by two or more jurors',
      other: '{n} nominations scored by two or more jurors',
    },
    juryAgreementNone: {
      too_few_pairable:
        'Jury agreement (Krippendorff’s α) cannot be computed: no nomination was scored by two or more jurors.',
      no_variance: 'Jury agreement (Krippendorff’s α) cannot be computed: every juror total was the same.',
      no_common_block:
        'Jury agreement (Krippendorff’s α) cannot be computed: no jurors scored the same nominations.',
    },
    fragile: 'Fragile result.',
    fragileIntro: 'The winner would have been different:',
    fragileMethod: (method, winners) => `with scores combined by ${method}: ${winners};`,
    fragileJuror: (juror, winners) => `without the scorecards of juror ${juror}: ${winners};`,
    fragileRaise: (juror, title, amount, margin) =>
      `had juror ${juror} given “${title}” ${points(amount, 'point', 'points')} more, it would have drawn level with the winner (the margin called fragile is ${points(margin, 'point', 'points')}).`,
    fragileLower: (juror, title, amount, margin) =>
      `had juror ${juror} given “${title}” ${points(amount, 'point', 'points')} less, the runner-up would have drawn level with it (the margin called fragile is ${points(margin, 'point', 'points')}).`,
    noWinners: 'no winner',
    robust: (margin) =>
      `Not fragile: the same winner under every scoring method, without any one juror’s scorecards, and after any change of up to ${points(margin, 'point', 'points')} to one juror’s total.`,
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
    juryStatisticsTitle: 'Насколько можно доверять этому рейтингу',
    juryAgreement: (value, units) => `Согласованность жюри (α Криппендорфа): ${value}, по ${units}.`,
    juryAgreementInterval: (value, low, high, units) =>
      `Согласованность жюри (α Криппендорфа): ${value}, 95-процентный интервал ${low}–${high}, по ${units}.`,
    alphaUnits: {
      one: '{n} номинации, оценённой двумя и более членами жюри',
      few: '{n} номинациям, оценённым двумя и более членами жюри',
      many: '{n} номинациям, оценённым двумя и более членами жюри',
      other: '{n} номинации, оценённой двумя и более членами жюри',
    },
    juryAgreementNone: {
      too_few_pairable:
        'Согласованность жюри (α Криппендорфа) не вычисляется: ни одну номинацию не оценили двое и более членов жюри.',
      no_variance:
        'Согласованность жюри (α Криппендорфа) не вычисляется: все итоговые оценки членов жюри одинаковы.',
      no_common_block:
        'Согласованность жюри (α Криппендорфа) не вычисляется: члены жюри не оценивали одни и те же номинации.',
    },
    fragile: 'Неустойчивый результат.',
    fragileIntro: 'Победитель был бы другим:',
    fragileMethod: (method, winners) => `при способе сведения «${method}»: ${winners};`,
    fragileJuror: (juror, winners) => `без оценочных листов члена жюри ${juror}: ${winners};`,
    fragileRaise: (juror, title, amount, margin) =>
      `если бы член жюри ${juror} поставил номинации «${title}» на ${ruPoints(amount, 'на')} больше, она сравнялась бы с победителем (неустойчивым считается разрыв до ${ruPoints(margin, 'до')}).`,
    fragileLower: (juror, title, amount, margin) =>
      `если бы член жюри ${juror} поставил номинации «${title}» на ${ruPoints(amount, 'на')} меньше, с ней сравнялась бы вторая (неустойчивым считается разрыв до ${ruPoints(margin, 'до')}).`,
    noWinners: 'без победителя',
    robust: (margin) =>
      `Результат устойчив: тот же победитель при любом способе сведения оценок, без оценочных листов любого одного члена жюри и при любом изменении итоговой оценки одного члена жюри в пределах ${ruPoints(margin, 'до')}.`,
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
    juryStatisticsTitle: 'Бұл рейтингке қаншалықты сенуге болады',
    juryAgreement: (value, units) => `Қазылар келісімі (Криппендорфтың α): ${value}, ${units} бойынша.`,
    juryAgreementInterval: (value, low, high, units) =>
      `Қазылар келісімі (Криппендорфтың α): ${value}, 95 пайыздық аралық ${low}–${high}, ${units} бойынша.`,
    alphaUnits: {
      one: 'екі не одан көп қазы бағалаған {n} номинация',
      other: 'екі не одан көп қазы бағалаған {n} номинация',
    },
    juryAgreementNone: {
      too_few_pairable:
        'Қазылар келісімін (Криппендорфтың α) есептеу мүмкін емес: бірде-бір номинацияны екі не одан көп қазы бағаламаған.',
      no_variance:
        'Қазылар келісімін (Криппендорфтың α) есептеу мүмкін емес: қазылардың барлық қорытынды бағалары бірдей.',
      no_common_block:
        'Қазылар келісімін (Криппендорфтың α) есептеу мүмкін емес: қазылар бірдей номинацияларды бағаламаған.',
    },
    fragile: 'Тұрақсыз нәтиже.',
    fragileIntro: 'Жеңімпаз басқа болар еді:',
    fragileMethod: (method, winners) => `бағаларды «${method}» әдісімен біріктіргенде: ${winners};`,
    fragileJuror: (juror, winners) => `${juror} қазының бағалау парақтарынсыз: ${winners};`,
    fragileRaise: (juror, title, amount, margin) =>
      `${juror} қазы «${title}» номинациясына ${amount} ұпай артық қойғанда, ол жеңімпазбен теңесер еді (${margin} ұпайға дейінгі айырма тұрақсыз саналады).`,
    fragileLower: (juror, title, amount, margin) =>
      `${juror} қазы «${title}» номинациясына ${amount} ұпай кем қойғанда, екінші орын онымен теңесер еді (${margin} ұпайға дейінгі айырма тұрақсыз саналады).`,
    noWinners: 'жеңімпазсыз',
    robust: (margin) =>
      `Нәтиже тұрақты: бағаларды біріктірудің кез келген әдісінде, кез келген бір қазының бағалау парақтарынсыз және бір қазының қорытынды бағасы ${margin} ұпайға дейін өзгергенде де жеңімпаз сол.`,
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
    juryStatisticsTitle: 'Wie belastbar diese Rangliste ist',
    juryAgreement: (value, units) => `Übereinstimmung der Jury (Krippendorffs α): ${value}, über ${units}.`,
    juryAgreementInterval: (value, low, high, units) =>
      `Übereinstimmung der Jury (Krippendorffs α): ${value}, 95-%-Intervall ${low}–${high}, über ${units}.`,
    alphaUnits: {
      one: '{n} Nominierung, die zwei oder mehr Juroren bewertet haben',
      other: '{n} Nominierungen, die zwei oder mehr Juroren bewertet haben',
    },
    juryAgreementNone: {
      too_few_pairable:
        'Die Übereinstimmung der Jury (Krippendorffs α) ist nicht berechenbar: keine Nominierung wurde von zwei oder mehr Juroren bewertet.',
      no_variance:
        'Die Übereinstimmung der Jury (Krippendorffs α) ist nicht berechenbar: alle Gesamtwertungen der Juroren sind gleich.',
      no_common_block:
        'Die Übereinstimmung der Jury (Krippendorffs α) ist nicht berechenbar: keine Juroren haben dieselben Nominierungen bewertet.',
    },
    fragile: 'Knappes Ergebnis.',
    fragileIntro: 'Der Sieger wäre ein anderer gewesen:',
    fragileMethod: (method, winners) => `bei Zusammenfassung der Bewertungen als ${method}: ${winners};`,
    fragileJuror: (juror, winners) => `ohne die Bewertungsbögen von Juror ${juror}: ${winners};`,
    fragileRaise: (juror, title, amount, margin) =>
      `hätte Juror ${juror} „${title}“ ${points(amount, 'Punkt', 'Punkte')} mehr gegeben, läge es gleichauf mit dem Sieger (als knapp gilt ein Abstand bis ${points(margin, 'Punkt', 'Punkte')}).`,
    fragileLower: (juror, title, amount, margin) =>
      `hätte Juror ${juror} „${title}“ ${points(amount, 'Punkt', 'Punkte')} weniger gegeben, läge der Zweite gleichauf (als knapp gilt ein Abstand bis ${points(margin, 'Punkt', 'Punkte')}).`,
    noWinners: 'kein Sieger',
    robust: (margin) =>
      `Nicht knapp: derselbe Sieger bei jeder Art der Zusammenfassung, ohne die Bewertungsbögen jedes einzelnen Jurors und nach jeder Änderung einer Gesamtwertung eines Jurors um bis zu ${points(margin, 'Punkt', 'Punkte')}.`,
    notFoundTitle: 'Hier sind keine Ergebnisse veröffentlicht',
    notFoundText: 'Unter dieser Adresse sind keine Ergebnisse veröffentlicht.',
  },
};

/** `{n}` of the plural form `Intl.PluralRules` picks for `count` in `locale`, with the count formatted. */
export function plural(locale: Locale, message: Plural, count: number): string {
  const form = message[new Intl.PluralRules(locale).select(count)] ?? message.other;
  return form.replace('{n}', new Intl.NumberFormat(locale).format(count));
}
