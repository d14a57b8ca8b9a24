/** Places in a fixture's text, for the language-server tests (0-based lines, as LSP counts them). */
import type { Range } from 'vscode-languageserver-protocol';

/** The 0-based line of the first line at or after `from` that matches. */
export function lineOf(text: string, pattern: RegExp, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (pattern.test(lines[i]!)) return i;
  throw new Error(`no line matches ${pattern} after line ${from}`);
}

/** The range of the `occurrence`-th `needle` on a 0-based line. */
export function rangeOn(text: string, line: number, needle: string, occurrence = 0): Range {
  const content = text.split('\n')[line]!;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = content.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`“${needle}” not on line ${line}: ${content}`);
  return { start: { line, character: at }, end: { line, character: at + needle.length } };
}
