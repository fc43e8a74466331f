/**
 * Streamed fits (`logreg train --memory-limit`) against their memory limit: a seeded CSV several
 * times larger than the limit is fitted by the built CLI in its own process, under
 * `/usr/bin/time -v` for the peak resident set size, beside Node's baseline (the same CLI fitting
 * a 100-row file) and the in-memory fit of the same file. Full: 500,000 × 100 (about 470 MB of
 * text) with a 64 MB limit; `--quick`: 50,000 × 20 with 16 MB; `--scale`: 5,000,000 × 100
 * (about 4.8 GB of text) with 256 MB, without the in-memory fit (about 12 GB of peak memory; the
 * full size compares with it). Run by bench/run.ts; alone:
 * `npx tsx bench/streamMemory.ts [--quick | --scale]` (needs `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { denseCsv, denseSet } from './datasets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli/main.js`;

/** One row of bench/run.ts's table. */
export interface StreamRow {
  readonly section: string;
  readonly data: string;
  readonly what: string;
  readonly value: string;
  readonly ratio: string;
  readonly note?: string;
}

/** What one CLI run cost: wall seconds and peak RSS in MB (NaN when not measured). */
export interface Run {
  readonly seconds: number;
  readonly peakMB: number;
  readonly stdout: string;
}

/** Runs the built CLI under /usr/bin/time -v (when present) and reads its peak RSS. */
export function runCli(args: readonly string[], cwd: string): Run {
  const timed = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const child = timed
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...args], { cwd, encoding: 'utf8' })
    : spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) {
    throw new Error(`logreg ${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  }
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1];
  return { seconds, peakMB: kb === undefined ? NaN : Number(kb) / 1024, stdout: child.stdout };
}

/** The streamed fit's peak memory against its limit and Node's baseline, and the in-memory fit's. */
export function streamMemorySection(
  mode: 'quick' | 'full' | 'scale',
  say: (text: string) => void,
): { rows: StreamRow[]; results: unknown[] } {
  const [m, p, limitMB] =
    mode === 'quick'
      ? [50_000, 20, 16]
      : mode === 'scale'
        ? [5_000_000, 100, 256]
        : [500_000, 100, 64];
  if (!existsSync(cli)) {
    say('stream memory: skipped (no dist/cli/main.js: run npm run build)');
    return { rows: [], results: [] };
  }
  say(`stream memory ${m}×${p}, --memory-limit ${limitMB}MB`);
  const csv = denseCsv(denseSet(m, p));
  const csvMB = statSync(csv).size / (1 << 20);
  const work = mkdtempSync(join(tmpdir(), 'logreg-bench-stream-'));
  try {
    const tiny = join(work, 'tiny.csv');
    const lines = ['a,b,y', ...Array.from({ length: 100 }, (_, i) => `${i % 7},${i % 3},${i % 2}`)];
    writeFileSync(tiny, `${lines.join('\n')}\n`);
    const base = ['--target', 'y', '-q', '--json'];
    const baseline = runCli(
      ['train', tiny, ...base, '-m', 'tiny.json', '--memory-limit', `${limitMB}MB`],
      work,
    );
    const streamed = runCli(
      ['train', csv, ...base, '-m', 'streamed.json', '--memory-limit', `${limitMB}MB`],
      work,
    );
    const passes = (JSON.parse(streamed.stdout) as { passes: number }).passes;
    const data = `${m}×${p} (${csvMB.toFixed(0)} MB CSV)`;
    const above = streamed.peakMB - baseline.peakMB;
    if (mode === 'scale') {
      const row: StreamRow = {
        section: 'streamed fit',
        data,
        what: `--memory-limit ${limitMB}MB`,
        value: `${streamed.peakMB.toFixed(0)} MB peak, ${streamed.seconds.toFixed(1)} s`,
        ratio: `${(above / limitMB).toFixed(2)}`,
        note: `peak − Node baseline (${baseline.peakMB.toFixed(0)} MB) = ${above.toFixed(0)} MB of a ${limitMB} MB limit; ${passes} passes`,
      };
      return {
        rows: [row],
        results: [
          {
            rows: m,
            cols: p,
            csvMB,
            limitMB,
            baselinePeakMB: baseline.peakMB,
            streamedPeakMB: streamed.peakMB,
            streamedSeconds: streamed.seconds,
            passes,
          },
        ],
      };
    }
    const inMemory = runCli(['train', csv, ...base, '-m', 'memory.json'], work);
    const rows: StreamRow[] = [
      {
        section: 'streamed fit',
        data,
        what: `--memory-limit ${limitMB}MB`,
        value: `${streamed.peakMB.toFixed(0)} MB peak, ${streamed.seconds.toFixed(1)} s`,
        ratio: `${(above / limitMB).toFixed(2)}`,
        note: `peak − Node baseline (${baseline.peakMB.toFixed(0)} MB) = ${above.toFixed(0)} MB of a ${limitMB} MB limit; ${passes} passes`,
      },
      {
        section: 'streamed fit',
        data,
        what: 'in memory',
        value: `${inMemory.peakMB.toFixed(0)} MB peak, ${inMemory.seconds.toFixed(1)} s`,
        ratio: `${(inMemory.peakMB / streamed.peakMB).toFixed(2)}`,
        note: 'ratio: in-memory peak / streamed peak',
      },
    ];
    const results = [
      {
        rows: m,
        cols: p,
        csvMB,
        limitMB,
        baselinePeakMB: baseline.peakMB,
        streamedPeakMB: streamed.peakMB,
        streamedSeconds: streamed.seconds,
        passes,
        inMemoryPeakMB: inMemory.peakMB,
        inMemorySeconds: inMemory.seconds,
      },
    ];
    return { rows, results };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const mode = process.argv.includes('--quick')
    ? 'quick'
    : process.argv.includes('--scale')
      ? 'scale'
      : 'full';
  const { rows, results } = streamMemorySection(mode, (t) => process.stderr.write(`${t}\n`));
  for (const row of rows) console.log(`${row.what}: ${row.value} (${row.note ?? ''})`);
  console.log(JSON.stringify(results));
}
