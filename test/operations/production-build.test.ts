import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { simulatorEnvironment } from '../../src/simulator/environment.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { VENDORS } from '../../src/vendors/registry.ts';
import { type RunningProcess, runNode } from '../support/process.ts';
import { BUILD_STAGE_INPUTS, RUNTIME_STAGE_INPUTS } from './production-inputs.ts';
import { fetchText } from './support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(command: string, args: string[], cwd: string): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/**
 * The production build, as the Dockerfile does it, in a temporary directory:
 *
 * - build stage: the build inputs + the repository's node_modules (linked: `npm ci` already ran,
 *   and the Dockerfile's build stage runs it), then `npm run build`;
 * - runtime stage: package files + `npm ci --omit=dev` + dist/ + schema/ and nothing else (no src/,
 *   no dev dependencies), then `node dist/main.js` on Node 24 with NODE_ENV=production.
 *
 * `npm ci --omit=dev` runs `--offline` first (the npm cache that the project's own `npm ci` filled
 * is enough), then with the registry, and only if both fail falls back to copying node_modules and
 * `npm prune --omit=dev`; the test says which one it used.
 */
describe('production build', () => {
  const work = mkdtempSync(join(tmpdir(), 'di-prod-build-'));
  let running: RunningProcess | undefined;
  let simulator: Simulator | undefined;
  afterAll(async () => {
    running?.kill();
    await simulator?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('npm run build emits dist/ without the simulator, and `npm ci --omit=dev && node dist/main.js` serves the quick-start query', async () => {
    const build = join(work, 'build');
    for (const input of BUILD_STAGE_INPUTS) cpSync(join(ROOT, input), join(build, input), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(build, 'node_modules'), 'dir');
    const built = run('npm', ['run', 'build'], build);
    expect(built.ok, built.output).toBe(true);
    expect(existsSync(join(build, 'dist/main.js'))).toBe(true);
    // The simulator is a development tool: nothing of it is compiled into the production build.
    expect(existsSync(join(build, 'dist/simulator'))).toBe(false);
    expect(existsSync(join(build, 'dist/vendors/registry.js'))).toBe(true);

    const app = join(work, 'app');
    for (const input of RUNTIME_STAGE_INPUTS) cpSync(join(ROOT, input), join(app, input), { recursive: true });
    cpSync(join(build, 'dist'), join(app, 'dist'), { recursive: true });
    const install = installProductionDependencies(app);
    console.info(`production dependencies installed with: ${install}`);

    // Nothing but production dependencies, and no TypeScript sources to fall back on.
    expect(existsSync(join(app, 'src'))).toBe(false);
    for (const devOnly of ['typescript', 'vitest', '@apollo/gateway', 'node']) {
      expect(existsSync(join(app, 'node_modules', devOnly)), devOnly).toBe(false);
    }
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies)) {
      expect(existsSync(join(app, 'node_modules', dependency)), dependency).toBe(true);
    }

    // Asked to simulate vendors, the build stops at once with one line: the simulator runs from source.
    const refused = runNode(join(app, 'dist/main.js'), { NODE_ENV: 'production', VENDOR_SIMULATOR: 'auto' }, app);
    expect(await refused.exited).toEqual({ code: 1, signal: null });
    expect(refused.stderr().trim()).toMatch(
      /^Invalid configuration: VENDOR_SIMULATOR=auto would simulate FINGERPRINT, .* runs from source \(npm start\), not from the production build: .*$/,
    );

    // With vendor URLs and credentials, as in production: here the simulator run from source.
    simulator = await startSimulator();
    running = runNode(
      join(app, 'dist/main.js'),
      { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...simulatorEnvironment(simulator, VENDORS) },
      app,
    );
    const base = await running.ready();
    const answer = await fetchText(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ event(signals: {fingerprintEventId: "1708102555327.NLOjmg"}) { device { id platform } ip { address geolocation { city } } riskLabels { code source } } }',
      }),
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json()).toEqual({
      data: {
        event: {
          device: { id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9', platform: 'WEB' },
          ip: { address: '61.127.217.15', geolocation: { city: 'Dusseldorf' } },
          riskLabels: [
            { code: 'PROXY', source: 'FINGERPRINT' },
            { code: 'INCOGNITO', source: 'FINGERPRINT' },
          ],
        },
      },
    });
    expect((await fetchText(`${base}/healthz`)).status).toBe(200);
    expect((await fetchText(`${base}/metrics`)).text).toContain('device_intel_graphql_request_duration_seconds');

    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  }, 240_000);
});

function installProductionDependencies(app: string): string {
  const flags = ['--omit=dev', '--no-audit', '--no-fund'];
  for (const mode of ['--offline', '--prefer-offline']) {
    if (run('npm', ['ci', ...flags, mode], app).ok) return `npm ci ${[...flags, mode].join(' ')}`;
  }
  cpSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  const pruned = run('npm', ['prune', ...flags, '--offline'], app);
  expect(pruned.ok, pruned.output).toBe(true);
  return 'copy of node_modules + npm prune --omit=dev --offline (npm ci could not reach the registry or its cache)';
}
