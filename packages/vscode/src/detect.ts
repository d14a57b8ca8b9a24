/**
 * Whether a YAML text is a jixiao/1 document: a top-level `format: jixiao/1` key (at column 0, so
 * a nested `format:` does not count), quoted or not, with an optional trailing comment. No parse:
 * this runs every time the YAML extension validates a file, on half-typed text too.
 * Kept free of `vscode` imports so the test suite can load it.
 */
const FORMAT_LINE = /^(["']?)format\1[ \t]*:[ \t]*(["']?)jixiao\/1\2[ \t]*(?:#.*)?\r?$/m;

export function declaresJixiao1(text: string): boolean {
  return FORMAT_LINE.test(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** The URI under which the YAML extension asks for the schema; its scheme names our contributor. */
export const SCHEMA_CONTRIBUTOR = 'jixiao';
export const SCHEMA_URI = `${SCHEMA_CONTRIBUTOR}://schema/jixiao-1.schema.json`;
