// Imported for its effect by every module that reads `t.consoleEditions`: none is evaluated before the section is in
// the dictionary shown (../messages.ts).
import { registerConsoleSection } from '../messages';

await registerConsoleSection('consoleEditions', {
  en: () => import('../../../i18n/console-editions/en').then((m) => ({ consoleEditions: m.consoleEditions })),
  ru: () => import('../../../i18n/console-editions/ru').then((m) => ({ consoleEditions: m.consoleEditions })),
  kk: () => import('../../../i18n/console-editions/kk').then((m) => ({ consoleEditions: m.consoleEditions })),
  de: () => import('../../../i18n/console-editions/de').then((m) => ({ consoleEditions: m.consoleEditions })),
});
