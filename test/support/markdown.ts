/**
 * Markdown tables as data, for tests that check what a document's table says against what the
 * code does. A table is found by its header row; cells are trimmed, rows keyed by header.
 */
export function markdownTable(markdown: string, headers: readonly string[]): Record<string, string>[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => sameCells(cells(line), headers));
  if (start < 0) throw new Error(`no table with the header | ${headers.join(' | ')} |`);
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trimStart().startsWith('|')) break;
    const values = cells(line);
    rows.push(Object.fromEntries(headers.map((header, index) => [header, values[index] ?? ''])));
  }
  return rows;
}

/** The `code spans` of a cell, in order. */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
}

function cells(line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|')) return [];
  return trimmed
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

function sameCells(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((cell, index) => cell === b[index]);
}
