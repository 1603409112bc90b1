import { consoleShell } from '../console/de';
import { consoleEditions } from '../console-editions/de';
import { consoleEntries } from '../console-entries/de';
import { consoleJury } from '../console-jury/de';
import { consoleResults } from '../console-results/de';
import type { ConsoleSections } from './en';

export const consoleSections: ConsoleSections = {
  console: consoleShell,
  consoleEditions,
  consoleJury,
  consoleResults,
  consoleEntries,
};
