/**
 * A start-up failure already worded for the operator: one line naming the service, the variable, the fix.
 * Lives with the configuration, the lowest layer, so the database's start-up checks can throw it too.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
