/** One Dockerfile instruction: `[KEYWORD, arguments]`, line continuations joined. */
export type Instruction = [string, string];

/** The Dockerfile's instructions, one list per stage (each starts with its `FROM`). */
export function dockerStages(dockerfile: string): Instruction[][] {
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line): Instruction => {
      const space = line.indexOf(' ');
      return [line.slice(0, space).toUpperCase(), line.slice(space + 1).trim()];
    });
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction[0] === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

/** What a stage copies from the build context (not from another stage). */
export function copiedFromContext(stage: readonly Instruction[]): string[] {
  return stage
    .filter(([keyword, args]) => keyword === 'COPY' && !args.startsWith('--from'))
    .flatMap(([, args]) => args.split(/\s+/).slice(0, -1));
}
