import { consoleShell } from '../console/ru';
import { consoleEditions } from '../console-editions/ru';
import { consoleEntries } from '../console-entries/ru';
import { consoleJury } from '../console-jury/ru';
import { consoleResults } from '../console-results/ru';
import type { ConsoleSections } from './en';

export const consoleSections: ConsoleSections = {
  console: consoleShell,
  consoleEditions,
  consoleJury,
  consoleResults,
  consoleEntries,
};
