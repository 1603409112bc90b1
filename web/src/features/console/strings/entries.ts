// Imported for its effect by every module that reads `t.consoleEntries`: none is evaluated before the section is in
// the dictionary shown (../messages.ts).
import { registerConsoleSection } from '../messages';

await registerConsoleSection('consoleEntries', {
  en: () => import('../../../i18n/console-entries/en').then((m) => ({ consoleEntries: m.consoleEntries })),
  ru: () => import('../../../i18n/console-entries/ru').then((m) => ({ consoleEntries: m.consoleEntries })),
  kk: () => import('../../../i18n/console-entries/kk').then((m) => ({ consoleEntries: m.consoleEntries })),
  de: () => import('../../../i18n/console-entries/de').then((m) => ({ consoleEntries: m.consoleEntries })),
});
