import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadme } from './readme/blocks.ts';

/** `npm run docs`: regenerates the README blocks that are derived from code. */
const path = new URL('../README.md', import.meta.url);
writeFileSync(path, renderReadme(readFileSync(path, 'utf8')));
