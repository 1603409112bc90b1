// Imported for its effect by every module that reads `t.consoleJury`: none is evaluated before the section is in
// the dictionary shown (../messages.ts).
import { registerConsoleSection } from '../messages';

await registerConsoleSection('consoleJury', {
  en: () => import('../../../i18n/console-jury/en').then((m) => ({ consoleJury: m.consoleJury })),
  ru: () => import('../../../i18n/console-jury/ru').then((m) => ({ consoleJury: m.consoleJury })),
  kk: () => import('../../../i18n/console-jury/kk').then((m) => ({ consoleJury: m.consoleJury })),
  de: () => import('../../../i18n/console-jury/de').then((m) => ({ consoleJury: m.consoleJury })),
});
