import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
// js-yaml is already installed (through @nestjs/swagger); YAML 1.1 is what Compose reads, merge keys included.
import { load, YAML11_SCHEMA } from 'js-yaml';
import { AppConfig, loadConfig } from '../src/config/app-config.js';

/*
 * No Docker engine runs where the tests run: the Dockerfile and docker-compose.yml are checked by reading them.
 */

interface ComposeService {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | boolean>;
}

const compose = load(readFileSync('docker-compose.yml', 'utf8'), { schema: YAML11_SCHEMA }) as {
  services: Record<string, ComposeService>;
};
const dockerfile = readFileSync('Dockerfile', 'utf8');
const ours = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

/** Docker Compose's `${NAME:?message}` (required) and `${NAME:-default}` interpolation, for a test environment. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (env[name] !== undefined) return env[name];
    if (kind === '?') throw new Error(`required: ${name} (${rest})`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

describe('docker-compose.yml', () => {
  it('runs the API and a worker from this repository', () => {
    expect(ours.map(([name]) => name).sort()).toEqual(['api', 'worker']);
  });

  it('sets only configuration variables the platform knows, with values it accepts', () => {
    const known = new Set(Object.keys(new AppConfig()));
    for (const [name, service] of ours) {
      const environment = Object.entries(service.environment ?? {});
      expect(environment.length).toBeGreaterThan(0);
      for (const [variable] of environment) {
        if (!known.has(variable)) throw new Error(`${name}: ${variable} is not a configuration variable`);
      }
      const env = Object.fromEntries(
        environment.map(([variable, value]) => [
          variable,
          interpolate(String(value), { JWT_SECRET: 'a-compose-secret-that-is-long-enough-0123456789' }),
        ]),
      );
      expect(() => loadConfig(env)).not.toThrow();
    }
  });

  it('ships no JWT secret: compose refuses to start without one', () => {
    for (const [, service] of ours) {
      const secret = String(service.environment?.JWT_SECRET);
      expect(secret).toMatch(/^\$\{JWT_SECRET:\?[^}]+\}$/);
      expect(() => interpolate(secret, {})).toThrow(/required: JWT_SECRET/);
    }
  });

  it("starts each service's command from a file the build produces", () => {
    for (const [, service] of ours) {
      const command = service.command ?? (JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[]);
      expect(command[0]).toBe('node');
      expect(existsSync(command[1]!)).toBe(true);
    }
  });
});

describe('Dockerfile', () => {
  it('copies only paths that exist, and runs a compiled entry point', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) =>
      m[1]!.split(/\s+/),
    );
    expect(sources).toEqual(expect.arrayContaining(['src', 'migrations', 'scripts']));
    for (const source of sources) expect(existsSync(source)).toBe(true);
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd).toEqual(['node', 'dist/src/main.js']);
    expect(existsSync(cmd[1]!)).toBe(true);
  });

  it('runs npm run cli and npm run verify from the compiled files, as in the image (no sources, no tsc)', () => {
    // The image's /app: dist, node_modules, scripts and package.json, and nothing else.
    const app = mkdtempSync(join(tmpdir(), 'magistral-image-'));
    try {
      for (const path of ['dist', 'node_modules', 'scripts']) symlinkSync(resolve(path), join(app, path));
      writeFileSync(join(app, 'package.json'), readFileSync('package.json'));
      const manifest = join(app, 'not-a-manifest.json');
      writeFileSync(manifest, '{}');
      const npm = (...args: string[]) =>
        spawnSync('npm', ['run', '--silent', ...args], { cwd: app, encoding: 'utf8' });
      const verify = npm('verify', '--', manifest);
      expect(verify.stderr).not.toMatch(/Compiling/);
      expect(verify.stdout).toMatch(/NOT VERIFIED/);
      expect(verify.status).toBe(1);
      const cli = npm('cli');
      expect(cli.stderr).not.toMatch(/Compiling/);
      expect(cli.stdout).toMatch(/organiser:create/);
      expect(cli.status).toBe(0);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});
