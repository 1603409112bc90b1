/**
 * Dates and times in the user's language and time zone, with the zone named.
 *
 * Chromium's ICU data (so Chrome's, and Edge's) knows Kazakh's plural rules but not its month names: `kk`
 * dates come out as "2026 M11 25". Where the browser lacks them, a Kazakh date is assembled from numeric
 * parts in CLDR's own pattern for `kk` ("2026 ж. 25 қараша, 15:00 GMT+5", as Node and Firefox print it).
 */
const OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};

/** CLDR's Kazakh month names (format context). */
const KAZAKH_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];

/** Whether this browser names the months of `locale` (without the data ICU writes "M11"). */
function namesMonths(locale: string): boolean {
  const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2026, 10, 15),
  );
  return !/^M\d+$/.test(month);
}

export function dateTimeFormatter(locale: string, timeZone: string): (value: Date) => string {
  const native = new Intl.DateTimeFormat(locale, { ...OPTIONS, timeZone });
  if (locale !== 'kk' || namesMonths(locale)) return (value) => native.format(value);
  const numeric = new Intl.DateTimeFormat('en-GB', {
    ...OPTIONS,
    month: 'numeric',
    hourCycle: 'h23',
    timeZone,
  });
  return (value) => {
    const part = (type: Intl.DateTimeFormatPartTypes) =>
      numeric.formatToParts(value).find((p) => p.type === type)?.value ?? '';
    const month = KAZAKH_MONTHS[Number(part('month')) - 1];
    return `${part('year')} ж. ${Number(part('day'))} ${month}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
  };
}
