import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('takes the defaults and ignores variables that are not its own', () => {
    const config = loadConfig({ PATH: '/usr/bin', UPLOAD_DIR: 'var/uploads' });
    expect(config.UPLOAD_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(config.AUDIT_SEALER).toBe(true);
  });

  it('reports every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', UPLOAD_MAX_BYTES: String(50 * 1024 * 1024 + 1), AUDIT_SEALER: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'UPLOAD_MAX_BYTES', 'AUDIT_SEALER']) expect(message).toContain(name);
    expect(loadConfig({ UPLOAD_MAX_BYTES: String(50 * 1024 * 1024), AUDIT_SEALER: 'false' })).toMatchObject({
      UPLOAD_MAX_BYTES: 50 * 1024 * 1024,
      AUDIT_SEALER: false,
    });
  });
});
