import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../node/tempFiles.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-help-');
afterAll(() => temp.cleanup());

/** The option entries of a help text, continuation lines joined. */
function optionEntries(help: string): string[] {
  const section = help.split(/\nOptions:\n/)[1]!.split(/\n\n/)[0]!;
  const entries: string[] = [];
  for (const line of section.split('\n')) {
    if (/^ {2}-/.test(line)) entries.push(line.trim());
    else entries[entries.length - 1] += ` ${line.trim()}`;
  }
  return entries;
}

describe('--help and --version', () => {
  for (const command of ['train', 'predict', 'evaluate', 'summary', 'cv', 'path']) {
    it(`${command} --help lists every option with its default`, async () => {
      const result = await runInProcess([command, '--help'], temp.folder);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: logreg ${command} `));
      const entries = optionEntries(result.stdout).filter((e) => !e.startsWith('-h, --help'));
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry).toMatch(/\(.*default: /);
    });
  }

  it('train --help shows the library defaults', async () => {
    const help = (await runInProcess(['train', '--help'], temp.folder)).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--penalty <penalty> .*default: "l2"/);
    expect(help).toMatch(/--C <number> .*\(default: 1\)/);
    expect(help).toMatch(/--tolerance <number> .*\(default: 1e-6\)/);
    expect(help).toMatch(
      /--max-iterations <n> .*default: 1000 for lbfgs, 100 for newton, 100000 for gd/,
    );
  });

  it('--version prints the package version', async () => {
    const version = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
    const result = await runInProcess(['--version'], temp.folder);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});
