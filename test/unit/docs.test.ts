import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '../../scripts/readme/blocks.ts';

describe('README', () => {
  it('has up-to-date generated blocks (run `npm run docs` after changing merge rules or configuration)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(renderReadme(readme)).toBe(readme);
  });
});
