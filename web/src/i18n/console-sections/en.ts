import { consoleShell } from '../console/en';
import { consoleEditions } from '../console-editions/en';
import { consoleEntries } from '../console-entries/en';
import { consoleJury } from '../console-jury/en';
import { consoleResults } from '../console-results/en';

/**
 * The console's sections of the dictionary, which only organisers need: a chunk per language, fetched with
 * the console (features/console/messages.ts) and merged into the loaded dictionary, so `t.consoleEditions…`
 * reads as before. English defines the keys; the other languages are typed `ConsoleSections`.
 */
export const consoleSections = {
  console: consoleShell,
  consoleEditions,
  consoleJury,
  consoleResults,
  consoleEntries,
};

export type ConsoleSections = typeof consoleSections;
