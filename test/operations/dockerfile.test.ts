import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startScriptFlags } from '../../bench/subgraph.ts';
import { copiedFromContext, dockerStages } from '../../scripts/docs/dockerfile.ts';
import { BUILD_STAGE_INPUTS, RUNTIME_STAGE_INPUTS } from './production-inputs.ts';
import { startObservedApp } from './support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Runs the HEALTHCHECK script as Docker would, on Node 24, against PORT (async: the app runs in this process). */
async function runCheck(script: string, port: string): Promise<number | null> {
  const child = spawn(process.execPath, ['-e', script], { env: { PORT: port }, stdio: 'ignore' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

/**
 * No Docker engine runs here, so the image cannot be built in tests. What can be checked is that
 * the Dockerfile does exactly what the tested production build does (test/operations/
 * production-build.test.ts), with files that exist. docs/operations.md shows its commands,
 * generated from this Dockerfile (test/unit/docs.test.ts keeps them fresh).
 */
describe('Dockerfile', () => {
  const [build = [], runtime = []] = dockerStages(read('Dockerfile'));

  it('has a Node 24 slim build stage and runtime stage', () => {
    expect(build[0]).toEqual(['FROM', 'node:24-slim AS build']);
    expect(runtime[0]).toEqual(['FROM', 'node:24-slim']);
  });

  it('builds from the same inputs and with the same commands as the production-build test', () => {
    expect(new Set(copiedFromContext(build))).toEqual(new Set(BUILD_STAGE_INPUTS));
    expect(build.filter(([keyword]) => keyword === 'RUN').map(([, args]) => args)).toEqual(['npm ci', 'npm run build']);
    expect(new Set(copiedFromContext(runtime))).toEqual(new Set(RUNTIME_STAGE_INPUTS));
    expect(runtime).toContainEqual(['COPY', '--from=build /app/dist ./dist']);
    expect(runtime).toContainEqual(['RUN', 'npm ci --omit=dev && npm cache clean --force']);
    for (const input of [...BUILD_STAGE_INPUTS, ...RUNTIME_STAGE_INPUTS])
      expect(existsSync(join(ROOT, input)), input).toBe(true);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['build']).toContain('tsc -p tsconfig.build.json');
  });

  it('runs dist/main.js as a non-root user, in production mode, listening beyond loopback', () => {
    expect(runtime).toContainEqual(['USER', 'node']);
    // With the Node flags of `npm start`, except the compile cache, which only TypeScript sources need.
    const flags = startScriptFlags().filter((flag) => !flag.startsWith('--import='));
    expect(flags.length).toBeGreaterThan(0);
    expect(runtime.at(-1)).toEqual(['CMD', JSON.stringify(['node', ...flags, 'dist/main.js']).replaceAll(',', ', ')]);
    const env = runtime
      .filter(([keyword]) => keyword === 'ENV')
      .map(([, args]) => args)
      .join(' ');
    expect(env).toMatch(/NODE_ENV=production/);
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
  });

  it('checks health on /healthz with Node itself (the slim image has no curl), and the check works', async () => {
    const healthcheck = runtime.find(([keyword]) => keyword === 'HEALTHCHECK')?.[1] ?? '';
    const command = JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD ') + 4)) as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    const script = command[2] ?? '';
    expect(script).toContain('/healthz');

    const observed = await startObservedApp();
    const port = new URL(observed.app.url).port;
    try {
      expect(await runCheck(script, port)).toBe(0);
    } finally {
      await observed.close();
    }
    expect(await runCheck(script, port)).toBe(1); // nothing listens any more
  });

  it('keeps secrets and local artefacts out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.git', 'node_modules', 'dist', '.env']) expect(ignored).toContain(entry);
  });
});
