import { readFileSync } from 'node:fs';
import { copiedFromContext, dockerStages, type Instruction } from './dockerfile.ts';

/**
 * docs/operations.md's production commands, read from the Dockerfile (which a test holds to the
 * tested production build): what each stage copies and runs, the command the image starts with its
 * environment, and `docker build` / `docker run` with the port the image exposes.
 */

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

const argsOf = (stage: readonly Instruction[], keyword: string) =>
  stage.filter(([candidate]) => candidate === keyword).map(([, args]) => args);

/** `CMD ["node", "dist/main.js"]` (exec form) or `CMD node dist/main.js` (shell form) as a shell line. */
function command(stage: readonly Instruction[]): string {
  const cmd = argsOf(stage, 'CMD').at(-1) ?? '';
  return cmd.startsWith('[') ? (JSON.parse(cmd) as string[]).join(' ') : cmd;
}

export function productionCommands(): string {
  const stages = dockerStages(read('Dockerfile'));
  const build = stages.at(0) ?? [];
  const runtime = stages.at(-1) ?? [];
  const environment = argsOf(runtime, 'ENV').join(' ').split(/\s+/).filter(Boolean);
  const fromBuild = argsOf(runtime, 'COPY')
    .filter((args) => args.startsWith('--from'))
    .map((args) => args.split(/\s+/).at(-1)?.replace(/^\.\//, ''));
  const port = argsOf(runtime, 'EXPOSE').at(0) ?? '4001';
  const image = (JSON.parse(read('package.json')) as { name: string }).name;
  return [
    '```sh',
    `# build stage: ${copiedFromContext(build).join(' ')}`,
    ...argsOf(build, 'RUN'),
    `# runtime stage: ${copiedFromContext(runtime).join(' ')}, and ${fromBuild.join(' ')} from the build stage`,
    ...argsOf(runtime, 'RUN'),
    `${environment.join(' ')} ${command(runtime)}`,
    '',
    '# the same, as an image',
    `docker build -t ${image} .`,
    `docker run --rm -p ${port}:${port} -p 9464:9464 -e METRICS_PORT=9464 --env-file .env ${image}`,
    '```',
  ].join('\n');
}
