/**
 * The mean of 4-decimal totals, rounded half away from zero to 4 decimals, in integer arithmetic (no binary
 * floating point): each total is a whole number of ten-thousandths.
 */
export function meanOf(totals: readonly string[]): string | null {
  if (!totals.length) return null;
  const sum = totals.reduce((acc, total) => acc + toTenThousandths(total), 0n);
  const count = BigInt(totals.length);
  const negative = sum < 0n;
  const magnitude = negative ? -sum : sum;
  const rounded = (magnitude * 2n + count) / (count * 2n);
  const whole = rounded / 10_000n;
  const fraction = (rounded % 10_000n).toString().padStart(4, '0');
  return `${negative && rounded > 0n ? '-' : ''}${whole}.${fraction}`;
}

function toTenThousandths(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace(/^-/, '').split('.');
  const units = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
  return negative ? -units : units;
}
