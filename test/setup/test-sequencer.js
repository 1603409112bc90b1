// Plain JavaScript on purpose: Jest loads the sequencer outside its transform, like the global setup.
import { basename } from 'node:path';
import Sequencer from '@jest/test-sequencer';

/**
 * Small files that take the longest: they start real processes (the demo, the CLI and tsc, the server for
 * SIGTERM and the walkthrough) or push a thousand mails through a Redis outage. Measured with
 * `--json`, they were the seven slowest e2e files (in this order) while ranking 35th to 59th of 67 by size.
 */
const SLOW_BUT_SMALL = [
  'demo.e2e-spec.ts',
  'cli.e2e-spec.ts',
  'notifications-outage.e2e-spec.ts',
  'startup.e2e-spec.ts',
  'walkthrough.e2e-spec.ts',
  'web-serving.e2e-spec.ts',
  'outbox.e2e-spec.ts',
];

/**
 * Jest's order, except on a run with no timings from an earlier one (a fresh checkout, CI): Jest then orders
 * by file size, which starts the files above near the end, and one worker runs the last of them alone while
 * the other has nothing left. They go first instead, slowest first, and the rest by size as before.
 */
export default class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    const rank = (test) => SLOW_BUT_SMALL.indexOf(basename(test.path));
    const slow = sorted.filter((test) => rank(test) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...slow, ...sorted.filter((test) => rank(test) < 0)];
  }
}
