/**
 * `datetime-local` inputs hold a wall-clock time with no zone: these read and write them as times in the
 * organiser's own time zone (the one the console names), not the browser's.
 */

function wallClock(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

/** An instant as the value of a `datetime-local` input in `timeZone` ("2027-03-01T09:00"). */
export function toZonedInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  return new Date(wallClock(Date.parse(iso), timeZone)).toISOString().slice(0, 16);
}

/**
 * A `datetime-local` value read in `timeZone`, as an ISO instant; '' stays ''. The zone's offset is
 * looked up at the guessed instant and once more at the corrected one, so a time next to a daylight-saving
 * change lands on the right side of it.
 */
export function fromZonedInput(value: string, timeZone: string): string {
  if (!value) return '';
  const asUtc = Date.parse(`${value}:00Z`);
  if (Number.isNaN(asUtc)) return '';
  let instant = asUtc - (wallClock(asUtc, timeZone) - asUtc);
  instant = asUtc - (wallClock(instant, timeZone) - instant);
  return new Date(instant).toISOString();
}
