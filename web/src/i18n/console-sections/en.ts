import { consoleShell } from '../console/en';
import { consoleEditions } from '../console-editions/en';
import { consoleEntries } from '../console-entries/en';
import { consoleJury } from '../console-jury/en';
import { consoleResults } from '../console-results/en';

/**
 * The console's sections of the dictionary, which only organisers need: each a chunk per language, fetched
 * by the console screens that read it (features/console/messages.ts) and merged into the loaded dictionary,
 * so `t.consoleEditions…` reads as before. Here for their type: English defines the keys, and each other
 * language's section file is typed by its English one.
 */
export const consoleSections = {
  console: consoleShell,
  consoleEditions,
  consoleJury,
  consoleResults,
  consoleEntries,
};

export type ConsoleSections = typeof consoleSections;
