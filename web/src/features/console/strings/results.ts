// Imported for its effect by every module that reads `t.consoleResults`: none is evaluated before the section is in
// the dictionary shown (../messages.ts).
import { registerConsoleSection } from '../messages';

await registerConsoleSection('consoleResults', {
  en: () => import('../../../i18n/console-results/en').then((m) => ({ consoleResults: m.consoleResults })),
  ru: () => import('../../../i18n/console-results/ru').then((m) => ({ consoleResults: m.consoleResults })),
  kk: () => import('../../../i18n/console-results/kk').then((m) => ({ consoleResults: m.consoleResults })),
  de: () => import('../../../i18n/console-results/de').then((m) => ({ consoleResults: m.consoleResults })),
});
