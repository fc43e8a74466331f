import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

// The layer list lives in eslint.config.js, which builds the lint rules from it; this test reads
// the import graph itself, so an upward import fails here even if a later lint block drifts.
const configPath = join(root, 'eslint.config.js');
const { layers } = (await import(configPath)) as { layers: string[][] };

/** Every .ts file under `dir`, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative module specifiers of a file: static imports, re-exports and dynamic imports. */
function relativeImports(text: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;
  return [...text.matchAll(pattern)].map((match) => match[1]!);
}

/** The top folder of src/ that holds `path` (`''` for a file directly in src/). */
function folderOf(path: string): string {
  const parts = relative(src, path).split('/');
  return parts.length > 1 ? parts[0]! : '';
}

const rank = new Map(layers.flatMap((layer, index) => layer.map((folder) => [folder, index])));

interface Edge {
  file: string;
  target: string;
}

const edges: Edge[] = sourceFiles(src).flatMap((file) =>
  relativeImports(readFileSync(file, 'utf8')).map((spec) => ({
    file,
    target: resolve(dirname(file), spec),
  })),
);

describe('the layers of src/', () => {
  it('name every folder of src/ exactly once', () => {
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(layers.flat().sort()).toEqual(folders);
  });

  it('are respected: every import points to a lower layer or within its own folder', () => {
    const upward = edges
      .filter(({ file, target }) => {
        const from = folderOf(file);
        const to = folderOf(target);
        if (from === '' || to === '' || from === to) return false;
        return rank.get(to)! >= rank.get(from)!;
      })
      .map(({ file, target }) => `${relative(root, file)} -> ${relative(root, target)}`);
    expect(upward).toEqual([]);
  });

  it('keep src/errors.ts at the bottom and the logreg entry out of src/node and src/cli', () => {
    const wrong = edges
      .filter(({ file, target }) => {
        const name = relative(src, file);
        if (name === 'errors.ts') return true;
        return name === 'index.ts' && ['node', 'cli'].includes(folderOf(target));
      })
      .map(({ file, target }) => `${relative(root, file)} -> ${relative(root, target)}`);
    expect(wrong).toEqual([]);
  });

  it('keep Node out of the core: outside src/node and src/cli, no package import, no Node global', () => {
    // The core runs in browsers (README, Architecture): a bare specifier is a Node built-in or a
    // runtime dependency (eslint.config.js forbids both by name; this catches any other name).
    const bare = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'([^'.][^']*)'/g;
    const nodeGlobal = /\b(?:Buffer|process|require|__dirname)\s*[.(]/;
    const wrong = sourceFiles(src)
      .filter((file) => !['node', 'cli'].includes(folderOf(file)))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        const found = [...code.matchAll(bare)]
          .map((match) => match[1]!)
          // ONNX encoding's one dependency, allowed in src/onnx only (eslint.config.js).
          .filter((name) => !(folderOf(file) === 'onnx' && /^protobufjs(\/|$)/.test(name)));
        if (nodeGlobal.test(code)) found.push('a Node global');
        return found.map((what) => `${relative(root, file)}: ${what}`);
      });
    expect(wrong).toEqual([]);
  });

  it("appear in README's Architecture section in the same order and groups", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const start = readme.indexOf('\n## Architecture\n');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const block = section.slice(
      section.indexOf('```\n') + 4,
      section.indexOf('\n```', section.indexOf('```\n') + 4),
    );
    const groups = block
      .split(/\n\s*\n/)
      .map((group) => [...group.matchAll(/^src\/([a-z]+) /gm)].map((match) => match[1]));
    expect(groups).toEqual(layers);
  });
});
