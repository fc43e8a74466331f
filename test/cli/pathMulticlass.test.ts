import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { multinomialPath } from '../../src/index.js';
import { tempFolder } from '../node/tempFiles.js';
import { fixture } from './runCli.js';
import { runInProcess } from './runInProcess.js';

const temp = tempFolder('logreg-cli-path-multiclass-');
afterAll(() => temp.cleanup());
/** MASS::fgl, six glass types (scripts/r-multinomial-path.R). */
const fgl = fixture('path_fgl.csv');

function readFgl(): { X: number[][]; y: string[] } {
  const lines = readFileSync(fgl, 'utf8').trim().split('\n').slice(1);
  const cells = lines.map((line) => line.split(','));
  return { X: cells.map((c) => c.slice(0, -1).map(Number)), y: cells.map((c) => c.at(-1)!) };
}

describe('logreg path on more than two classes', () => {
  it('--json gives the library multinomial path: K × p coefficients per C', async () => {
    const args = ['path', fgl, '-t', 'type', '--penalty', 'l2', '--Cs', '0.01,1,100'];
    const result = await runInProcess([...args, '--json'], temp.folder);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      model: string;
      classes: string[];
      Cs: number[];
      coefficients: number[][][];
      intercepts: number[][];
    };
    const { X, y } = readFgl();
    const lib = multinomialPath(X, y, { penalty: 'l2', Cs: [0.01, 1, 100] });
    expect(json.model).toBe('multinomial');
    expect(json.classes).toEqual(['Con', 'Head', 'Tabl', 'Veh', 'WinF', 'WinNF']);
    expect(json.Cs).toEqual([0.01, 1, 100]);
    json.coefficients.forEach((matrix, i) => {
      expect(matrix).toHaveLength(6);
      expect(matrix.flat()).toEqual(Array.from(lib.coefficients[i]));
      expect(json.intercepts[i]).toEqual(Array.from(lib.intercepts[i]));
    });
  });

  it('prints each feature as its norm over the classes, and --plot draws those lines', async () => {
    const plot = join(temp.folder, 'norms.svg');
    const result = await runInProcess(
      ['path', fgl, '-t', 'type', '--Cs', '5', '--plot', plot],
      temp.folder,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('(6 classes, multinomial model): penalty l1');
    expect(result.stdout).toContain('‖RI‖');
    // The first C of the default L1 grid is the critical C: every norm is 0.
    const firstRow = result.stdout.split('\n')[3]!;
    expect(firstRow.trim().split(/\s+/).slice(1, 2)).toEqual(['0']);
    const svg = readFileSync(plot, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Mg');
  });
});
