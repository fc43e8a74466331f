import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { trainOptionConstraints } from '../../src/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's text from the heading `## name` (or `### name`) to the next heading of that level. */
function section(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = heading.slice(0, heading.indexOf(' ') + 1);
  const end = readme.indexOf(`\n${level}`, start + heading.length + 2);
  return readme.slice(start, end < 0 ? undefined : end);
}

const program = createProgram({ stdout: process.stdout, stderr: process.stderr });

describe('the README agrees with the code', () => {
  it("its options table has a row for every option in train's constraint table", () => {
    const table = section('### Options (`train(X, y, options)`)');
    const missing = Object.keys(trainOptionConstraints).filter(
      (option) => !table.includes(`\`${option}\``),
    );
    expect(missing).toEqual([]);
  });

  it("its penalty and solver rows list every value the CLI's --penalty and --solver take", () => {
    const table = section('### Options (`train(X, y, options)`)');
    const train = program.commands.find((c) => c.name() === 'train')!;
    for (const name of ['penalty', 'solver']) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${name}\``))!;
      const choices = train.options.find((o) => o.long === `--${name}`)!.argChoices!;
      expect(choices.filter((value) => !row.includes(`'${value}'`))).toEqual([]);
    }
  });

  it('its command-line section names every flag of every command, as --help does', () => {
    const cli = section('## Command line');
    const missing: string[] = [];
    for (const command of program.commands) {
      for (const option of command.options) {
        const flag = option.long!;
        if (flag === '--help') continue;
        if (!new RegExp(`${flag}(?![\\w-])`).test(cli)) missing.push(`${command.name()} ${flag}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the quick start', () => {
  it('runs the command line from a clone without a registry look-up (npm run logreg)', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.logreg).toBe(`node ${pkg.bin.logreg!.replace(/^\.\//, '')}`);
    const quickStart = section('## Quick start');
    expect(quickStart).toContain('npm run logreg -- --help');
    expect(quickStart).toContain('npm run test:quick');
    expect(quickStart).not.toMatch(/^npx logreg/m);
  });
});
