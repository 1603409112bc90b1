import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { ProcessLifecycle, StartupError } from './process-lifecycle.js';

function lines(): { stream: { write(line: string): void }; text: () => string } {
  const written: string[] = [];
  return { stream: { write: (line: string) => void written.push(line) }, text: () => written.join('') };
}

function exitCode(): { exit: (code: number) => void; code: Promise<number> } {
  let exit!: (code: number) => void;
  const code = new Promise<number>((resolve) => (exit = resolve));
  return { exit, code };
}

describe('ProcessLifecycle', () => {
  it('exits 0 once what it runs has closed', async () => {
    const out = lines();
    const { exit, code } = exitCode();
    const lifecycle = new ProcessLifecycle(pino({}, out.stream), 1000, exit);
    let closed = false;
    lifecycle.manage({ close: async () => void (closed = true) });
    await lifecycle.stop('SIGTERM');
    expect(await code).toBe(0);
    expect(closed).toBe(true);
  });

  it('exits 1 at the deadline when closing hangs (Redis or PostgreSQL not answering)', async () => {
    const out = lines();
    const { exit, code } = exitCode();
    const lifecycle = new ProcessLifecycle(pino({}, out.stream), 200, exit);
    lifecycle.manage({ close: () => new Promise<void>(() => undefined) });
    const started = Date.now();
    void lifecycle.stop('SIGTERM');
    expect(await code).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(out.text()).toContain('Did not stop within 0.2 s (SHUTDOWN_TIMEOUT_MS)');
  });

  it('reports a start-up failure in one line and exits 1', async () => {
    const out = lines();
    const { exit, code } = exitCode();
    const lifecycle = new ProcessLifecycle(pino({}, out.stream), 1000, exit);
    await lifecycle.fail(
      new StartupError('Redis unreachable at REDIS_URL=redis://h:6379 (connection refused)'),
    );
    expect(await code).toBe(1);
    expect(out.text().trim().split('\n')).toHaveLength(1);
  });
});
