import { consoleShell } from '../console/kk';
import { consoleEditions } from '../console-editions/kk';
import { consoleEntries } from '../console-entries/kk';
import { consoleJury } from '../console-jury/kk';
import { consoleResults } from '../console-results/kk';
import type { ConsoleSections } from './en';

export const consoleSections: ConsoleSections = {
  console: consoleShell,
  consoleEditions,
  consoleJury,
  consoleResults,
  consoleEntries,
};
