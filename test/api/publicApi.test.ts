import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The package entries (package.json "exports") and their sources. */
const entries = {
  logreg: 'src/index.ts',
  'logreg/node': 'src/node/index.ts',
  'logreg/onnx': 'src/onnx/index.ts',
} as const;
type Entry = keyof typeof entries;

/**
 * The pinned public API: every name each entry exports, runtime values and type-only names apart.
 * A change to this file is a decision about the API (and a removal wants a line in README's
 * Changelog).
 */
const pinned = JSON.parse(readFileSync(join(root, 'test/api/publicApi.json'), 'utf8')) as Record<
  Entry,
  { values: string[]; types: string[] }
>;

/** Every name the entry exports, as the TypeScript compiler sees it (values and types). */
function exportedNames(): Record<Entry, string[]> {
  const files = Object.values(entries).map((file) => join(root, file));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const names = {} as Record<Entry, string[]>;
  for (const [entry, file] of Object.entries(entries) as [Entry, string][]) {
    const source = program.getSourceFile(join(root, file))!;
    const module = checker.getSymbolAtLocation(source)!;
    names[entry] = checker
      .getExportsOfModule(module)
      .map((symbol) => symbol.name)
      .sort();
  }
  return names;
}

describe('the public API', () => {
  const compiled = exportedNames();

  for (const [entry, file] of Object.entries(entries) as [Entry, string][]) {
    it(`${entry} exports exactly the pinned runtime values`, async () => {
      const module = (await import(join(root, file))) as Record<string, unknown>;
      expect(Object.keys(module).sort()).toEqual(pinned[entry].values);
    });

    it(`${entry} exports exactly the pinned types`, () => {
      const values = new Set(pinned[entry].values);
      expect(compiled[entry].filter((name) => !values.has(name))).toEqual(pinned[entry].types);
    });
  }

  it('has one name per concept: no name is exported by two entries', () => {
    const all = Object.values(compiled).flat();
    expect(all.filter((name, i) => all.indexOf(name) !== i)).toEqual([]);
  });
});
