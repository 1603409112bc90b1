import v8 from 'node:v8';

const FLAG = '--heap-growing-percent';

/**
 * Keeps the heap near what is live. Under sustained load V8 lets the old generation grow to up to four
 * times the live objects before a full collection (it favours throughput), so an API process serving
 * thousands of requests a second climbs past 300 MB of RSS with under 100 MB live. Capping the growth
 * factor at 1.5× costs a full collection every few seconds (mostly incremental, a few ms of pause) and
 * keeps the peak near 200 MB (`npm run bench:scorecards`). A `--heap-growing-percent` given on the node
 * command line wins.
 *
 * Imported for this effect, first, by the entry points (main.ts, worker.ts): ES modules run in import
 * order, so the setting applies before the framework's modules load.
 */
if (!process.execArgv.some((arg) => arg.startsWith(FLAG))) v8.setFlagsFromString(`${FLAG}=50`);
