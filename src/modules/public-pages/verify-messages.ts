import type { Locale } from '../../common/auth/roles.js';

/**
 * The words of "Verify in your browser" on the results page, in each language of the public pages: the
 * server renders the button and its explanation from them, and the script the browser runs
 * (web/src/public-verify) words its verdict with them. Kept apart from the pages' other messages so the
 * script carries only these. A key missing in any locale fails the compiler.
 */
export interface VerifyMessages {
  button: string;
  explain: string;
  running: string;
  /** The headline; `duration` is already formatted ("84 ms"). */
  verified: (duration: string) => string;
  refused: (duration: string) => string;
  digestOk: string;
  digestMismatch: string;
  notAManifest: string;
  unknownFormat: string;
  unknownAlgorithm: string;
  rankingOk: (category: string) => string;
  rankingMismatch: (category: string) => string;
  categoryUnreadable: (category: string) => string;
  /** The ranking holds, and so do the stated jury statistics (alpha, fragile). */
  statisticsOk: (category: string) => string;
  statisticsMismatch: (category: string) => string;
  signatureOk: (keyId: string) => string;
  signatureInvalid: (keyId: string) => string;
  unknownKey: (keyId: string) => string;
  keyNotValid: (keyId: string) => string;
  unsigned: string;
  pageMatches: string;
  pageDiffers: string;
  unsupported: string;
  downloadFailed: string;
  /** Introduces the technical detail of a failed check (always in English). */
  detail: string;
}

export const VERIFY_MESSAGES: Record<Locale, VerifyMessages> = {
  en: {
    button: 'Verify in your browser',
    explain:
      'Your browser downloads the manifest and the platform’s public keys, recomputes every ranking from the scores with the same tally code, and checks the SHA-256 and the Ed25519 signature itself.',
    running: 'Checking…',
    verified: (duration) => `Verified in ${duration}.`,
    refused: (duration) => `Not verified (checked in ${duration}).`,
    digestOk: 'The SHA-256 matches the manifest’s content.',
    digestMismatch: 'The SHA-256 does not match the manifest’s content: it was changed after it was sealed.',
    notAManifest: 'This is not a results manifest.',
    unknownFormat: 'The manifest’s format is not one this check reads.',
    unknownAlgorithm: 'The manifest names a tally algorithm this check does not implement.',
    rankingOk: (category) => `${category}: the ranking follows from the scores.`,
    rankingMismatch: (category) => `${category}: the published ranking does not follow from the scores.`,
    categoryUnreadable: (category) => `${category}: the scores cannot be recomputed.`,
    statisticsOk: (category) =>
      `${category}: the ranking, the jury agreement (α) and the fragile verdict follow from the scores.`,
    statisticsMismatch: (category) =>
      `${category}: the stated jury agreement (α) or fragile verdict does not follow from the scores.`,
    signatureOk: (keyId) => `Signed by the platform’s key ${keyId}, valid when the results were published.`,
    signatureInvalid: (keyId) => `The signature does not verify with the platform’s key ${keyId}.`,
    unknownKey: (keyId) => `The signing key ${keyId} is not one the platform publishes.`,
    keyNotValid: (keyId) => `The key ${keyId} was not valid when the results were published.`,
    unsigned: 'The manifest carries no signature.',
    pageMatches: 'This page shows the manifest’s digest and rankings.',
    pageDiffers: 'This page does not show what the manifest says.',
    unsupported: 'This browser cannot check Ed25519 signatures: use a current browser or npm run verify.',
    downloadFailed: 'The manifest or the public keys could not be downloaded.',
    detail: 'Details',
  },
  ru: {
    button: 'Проверить в браузере',
    explain:
      'Браузер скачает манифест и открытые ключи платформы, пересчитает каждый рейтинг по оценкам тем же кодом подсчёта и сам проверит SHA-256 и подпись Ed25519.',
    running: 'Проверка…',
    verified: (duration) => `Проверено за ${duration}.`,
    refused: (duration) => `Не подтверждено (проверка заняла ${duration}).`,
    digestOk: 'SHA-256 совпадает с содержимым манифеста.',
    digestMismatch: 'SHA-256 не совпадает с содержимым манифеста: его изменили после запечатывания.',
    notAManifest: 'Это не манифест итогов.',
    unknownFormat: 'Формат манифеста не поддерживается этой проверкой.',
    unknownAlgorithm: 'Манифест указывает алгоритм подсчёта, которого эта проверка не знает.',
    rankingOk: (category) => `${category}: рейтинг следует из оценок.`,
    rankingMismatch: (category) => `${category}: опубликованный рейтинг не следует из оценок.`,
    categoryUnreadable: (category) => `${category}: оценки невозможно пересчитать.`,
    statisticsOk: (category) =>
      `${category}: рейтинг, согласованность жюри (α) и вывод о неустойчивости следуют из оценок.`,
    statisticsMismatch: (category) =>
      `${category}: указанная согласованность жюри (α) или вывод о неустойчивости не следует из оценок.`,
    signatureOk: (keyId) => `Подписано ключом платформы ${keyId}, действительным на момент публикации.`,
    signatureInvalid: (keyId) => `Подпись не подтверждается ключом платформы ${keyId}.`,
    unknownKey: (keyId) => `Ключ подписи ${keyId} не входит в опубликованные ключи платформы.`,
    keyNotValid: (keyId) => `Ключ ${keyId} не был действителен на момент публикации.`,
    unsigned: 'Манифест не подписан.',
    pageMatches: 'Эта страница показывает хеш и рейтинги из манифеста.',
    pageDiffers: 'Эта страница показывает не то, что записано в манифесте.',
    unsupported:
      'Этот браузер не умеет проверять подписи Ed25519: откройте страницу в современном браузере или выполните npm run verify.',
    downloadFailed: 'Не удалось скачать манифест или открытые ключи.',
    detail: 'Подробности',
  },
  kk: {
    button: 'Браузерде тексеру',
    explain:
      'Браузер манифест пен платформаның ашық кілттерін жүктеп алады, әр рейтингті бағалар бойынша сол есептеу кодымен қайта есептейді және SHA-256 хэші мен Ed25519 қолтаңбасын өзі тексереді.',
    running: 'Тексерілуде…',
    verified: (duration) => `Расталды (${duration}).`,
    refused: (duration) => `Расталмады (тексеру ${duration} алды).`,
    digestOk: 'SHA-256 хэші манифест мазмұнына сәйкес келеді.',
    digestMismatch: 'SHA-256 хэші манифест мазмұнына сәйкес келмейді: ол мөрленгеннен кейін өзгертілген.',
    notAManifest: 'Бұл қорытынды манифесі емес.',
    unknownFormat: 'Манифест пішімін бұл тексеру оқи алмайды.',
    unknownAlgorithm: 'Манифесте бұл тексеру білмейтін есептеу алгоритмі көрсетілген.',
    rankingOk: (category) => `${category}: рейтинг бағалардан шығады.`,
    rankingMismatch: (category) => `${category}: жарияланған рейтинг бағалардан шықпайды.`,
    categoryUnreadable: (category) => `${category}: бағаларды қайта есептеу мүмкін емес.`,
    statisticsOk: (category) =>
      `${category}: рейтинг, қазылар келісімі (α) және тұрақсыздық туралы қорытынды бағалардан шығады.`,
    statisticsMismatch: (category) =>
      `${category}: көрсетілген қазылар келісімі (α) немесе тұрақсыздық туралы қорытынды бағалардан шықпайды.`,
    signatureOk: (keyId) => `Платформаның ${keyId} кілтімен қол қойылған, жариялау кезінде жарамды болған.`,
    signatureInvalid: (keyId) => `Қолтаңба платформаның ${keyId} кілтімен расталмайды.`,
    unknownKey: (keyId) => `${keyId} қол қою кілті платформаның жарияланған кілттерінің қатарында жоқ.`,
    keyNotValid: (keyId) => `${keyId} кілті жариялау кезінде жарамсыз болған.`,
    unsigned: 'Манифестке қол қойылмаған.',
    pageMatches: 'Бұл бет манифесттің хэші мен рейтингтерін көрсетеді.',
    pageDiffers: 'Бұл бет манифестте жазылғанды көрсетпейді.',
    unsupported:
      'Бұл браузер Ed25519 қолтаңбаларын тексере алмайды: заманауи браузерді пайдаланыңыз немесе npm run verify орындаңыз.',
    downloadFailed: 'Манифестті немесе ашық кілттерді жүктеп алу мүмкін болмады.',
    detail: 'Толығырақ',
  },
  de: {
    button: 'Im Browser prüfen',
    explain:
      'Ihr Browser lädt das Manifest und die öffentlichen Schlüssel der Plattform, berechnet jede Rangliste mit demselben Auszählungscode aus den Bewertungen neu und prüft SHA-256 und Ed25519-Signatur selbst.',
    running: 'Wird geprüft…',
    verified: (duration) => `Bestätigt in ${duration}.`,
    refused: (duration) => `Nicht bestätigt (geprüft in ${duration}).`,
    digestOk: 'Der SHA-256 passt zum Inhalt des Manifests.',
    digestMismatch:
      'Der SHA-256 passt nicht zum Inhalt des Manifests: es wurde nach der Versiegelung verändert.',
    notAManifest: 'Dies ist kein Ergebnismanifest.',
    unknownFormat: 'Das Format des Manifests kann diese Prüfung nicht lesen.',
    unknownAlgorithm: 'Das Manifest nennt einen Auszählungsalgorithmus, den diese Prüfung nicht kennt.',
    rankingOk: (category) => `${category}: die Rangliste folgt aus den Bewertungen.`,
    rankingMismatch: (category) =>
      `${category}: die veröffentlichte Rangliste folgt nicht aus den Bewertungen.`,
    categoryUnreadable: (category) => `${category}: die Bewertungen lassen sich nicht neu berechnen.`,
    statisticsOk: (category) =>
      `${category}: Rangliste, Übereinstimmung der Jury (α) und das Urteil zur Knappheit folgen aus den Bewertungen.`,
    statisticsMismatch: (category) =>
      `${category}: die angegebene Übereinstimmung der Jury (α) oder das Urteil zur Knappheit folgt nicht aus den Bewertungen.`,
    signatureOk: (keyId) =>
      `Signiert mit dem Schlüssel ${keyId} der Plattform, gültig zur Zeit der Veröffentlichung.`,
    signatureInvalid: (keyId) => `Die Signatur lässt sich mit dem Schlüssel ${keyId} nicht bestätigen.`,
    unknownKey: (keyId) => `Der Signaturschlüssel ${keyId} gehört nicht zu den veröffentlichten Schlüsseln.`,
    keyNotValid: (keyId) => `Der Schlüssel ${keyId} war zur Zeit der Veröffentlichung nicht gültig.`,
    unsigned: 'Das Manifest trägt keine Signatur.',
    pageMatches: 'Diese Seite zeigt den Hash und die Ranglisten des Manifests.',
    pageDiffers: 'Diese Seite zeigt nicht, was im Manifest steht.',
    unsupported:
      'Dieser Browser kann Ed25519-Signaturen nicht prüfen: nutzen Sie einen aktuellen Browser oder npm run verify.',
    downloadFailed: 'Das Manifest oder die öffentlichen Schlüssel ließen sich nicht laden.',
    detail: 'Details',
  },
};
