import { GENERATED_BLOCKS, regenerate } from './docs/blocks.ts';

/** `npm run docs`: regenerates every documentation block that is derived from code. */
for (const file of Object.keys(GENERATED_BLOCKS)) {
  if (regenerate(file)) console.log(`updated ${file}`);
}
