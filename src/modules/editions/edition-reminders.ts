import type { EntityManager } from 'typeorm';

/**
 * Scoring reminders are planned from an edition's lead time, but they are the jury's concept: the editions
 * module only says that the lead time changed. The jury provides this token (`jury/reminders`), so editions,
 * upstream of the jury, never imports it.
 */
export abstract class EditionReminders {
  /** Plans the reminders of every open round of the edition again, in the caller's transaction. */
  abstract leadTimeChanged(manager: EntityManager, editionId: string): Promise<void>;
}
