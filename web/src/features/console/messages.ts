import { type Locale, type Messages, registerMessages } from '../../i18n';

/** The console's sections of the dictionary (one per screen family). */
export type ConsoleSection =
  'console' | 'consoleEditions' | 'consoleEntries' | 'consoleJury' | 'consoleResults';

/** Where one section is, per language: each a chunk of its own. */
export type SectionLoaders = Record<Locale, () => Promise<Partial<Messages>>>;

const registered = new Map<ConsoleSection, Promise<void>>();

/**
 * Adds one console section to the dictionaries, once: resolves when the language shown has it (a later
 * switch of language fetches the new language's with its dictionary). ConsoleLayout and the modules in
 * `strings/` await it at their top level, so a module that imports one of them is not evaluated, and its
 * screen not rendered, before the section is there: deep link and reload included. The loaders live beside
 * each call, so a screen's chunks name only the sections it reads (what `npm run bench:web` counts).
 */
export function registerConsoleSection(section: ConsoleSection, loaders: SectionLoaders): Promise<void> {
  let done = registered.get(section);
  if (!done) {
    done = registerMessages((locale) => loaders[locale]());
    registered.set(section, done);
  }
  return done;
}
