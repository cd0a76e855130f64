import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GENERATED_BLOCKS, renderBlocks } from '../../scripts/docs/blocks.ts';
import { renderEnvTable } from '../../scripts/docs/env-table.ts';
import { configVariables, loadConfig } from '../../src/config/config.ts';
import { configValues } from '../support/config.ts';
import { DOC_FILES } from '../support/doc-blocks.ts';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('generated documentation', () => {
  for (const file of Object.keys(GENERATED_BLOCKS)) {
    it(`${file} is up to date (run \`npm run docs\` after changing what it is generated from)`, () => {
      const text = read(file);
      expect(renderBlocks(file, text)).toBe(text);
    });
  }

  it('has generated blocks only where something renders them', () => {
    for (const file of DOC_FILES) expect(() => renderBlocks(file, read(file)), file).not.toThrow();
  });
});

describe('the generated variable table', () => {
  const rows = renderEnvTable()
    .split('\n')
    .slice(2)
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\|?\s*|\s*\|?$/g, '')));

  it('has a row for every variable the configuration reads', () => {
    const named = rows.map(([variable = '']) => variable.replaceAll('`', ''));
    const perVendor = named.filter((name) => name.startsWith('<VENDOR>_')).map((name) => name.slice('<VENDOR>'.length));
    for (const variable of configVariables()) {
      expect(named.includes(variable) || perVendor.some((suffix) => variable.endsWith(suffix)), variable).toBe(true);
    }
  });

  it('states defaults that are the defaults: setting a variable to its documented default changes nothing', () => {
    const defaults = configValues(loadConfig({}));
    const documented = rows.flatMap(([variable = '', value = '']) => {
      const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(variable)?.[1];
      const literal = /^`([^`]+)`/.exec(value)?.[1];
      return name && literal ? [[name, literal] as const] : [];
    });
    expect(documented.length).toBeGreaterThan(30);
    for (const [name, value] of documented) {
      expect(isDeepStrictEqual(configValues(loadConfig({ [name]: value })), defaults), `${name}=${value}`).toBe(true);
    }
  });
});
