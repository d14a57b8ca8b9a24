import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under a directory. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

/** The import graph of a package's sources (relative imports, type-only ones included). */
function graph(dir: string): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sources(dir)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => resolve(dirname(file), (m[1] as string).replace(/\.js$/, '.ts')));
    edges.set(resolve(file), targets);
  }
  return edges;
}

/** The import circles: each as the files around it, from the one that sorts first. */
function circles(edges: Map<string, string[]>, root: string): string[][] {
  const found = new Map<string, string[]>();
  const stack: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const loop = stack.slice(stack.indexOf(next)).map((f) => relative(root, f));
        const start = loop.indexOf([...loop].sort()[0] as string);
        const canonical = [...loop.slice(start), ...loop.slice(0, start)];
        found.set(canonical.join(' → '), canonical);
      } else if (!state.has(next) && edges.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...edges.keys()].sort()) if (!state.has(file)) visit(file);
  return [...found.values()];
}

describe('module structure', () => {
  for (const pkg of ['core', 'cli', 'language-server', 'review']) {
    it(`packages/${pkg} has no import circle`, () => {
      const root = resolve('packages', pkg, 'src');
      expect(circles(graph(root), root).map((c) => c.join(' → '))).toEqual([]);
    });
  }
});
