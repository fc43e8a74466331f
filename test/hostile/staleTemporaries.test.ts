import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/node/writeFileAtomic.js';
import { tempFolder } from '../node/tempFiles.js';

const temp = tempFolder('logreg-hostile-stale-');
afterAll(() => temp.cleanup());

describe('temporary files left by a killed writer (issue 14, item 11)', () => {
  it('the next write removes those of dead processes older than 10 minutes, and nothing else', async () => {
    const folder = join(temp.folder, 'models');
    mkdirSync(folder);
    // The pid of a process that has ended (SIGKILL leaves its temporary file behind).
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    const dead = child.pid!;
    const hour = new Date(Date.now() - 60 * 60 * 1000);
    const files = {
      stale: `.m.json.${dead}.0123456789ab.tmp`,
      young: `.m.json.${dead}.ba9876543210.tmp`,
      live: `.m.json.${process.ppid}.0123456789ab.tmp`,
      other: `.other.json.${dead}.0123456789ab.tmp`,
      unlike: `.m.json.${dead}.tmp`,
    };
    for (const name of Object.values(files)) {
      writeFileSync(join(folder, name), 'partial');
      if (name !== files.young) utimesSync(join(folder, name), hour, hour);
    }
    await writeFileAtomic(join(folder, 'm.json'), '{}\n');
    expect(readdirSync(folder).sort()).toEqual(
      ['m.json', files.young, files.live, files.other, files.unlike].sort(),
    );
  });
});
