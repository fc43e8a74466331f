import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Real database servers for the SQL tests, started here on 127.0.0.1 in a temporary folder and
// stopped by PID (no systemd): PostgreSQL from Debian's `postgresql`, ClickHouse from Debian's
// `clickhouse-server` (18.16, config root <yandex>). .ci/run installs both and sets
// LOGREG_SQL_TESTS=required (as does CI=…); elsewhere a missing binary skips its suite with a note.

/** Whether the SQL engine suites must run (CI): a missing binary is then a failure. */
export const sqlServersRequired =
  process.env.LOGREG_SQL_TESTS === 'required' || process.env.CI !== undefined;

/** A free TCP port on 127.0.0.1 (the OS picks one; it is closed again before use). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A started server: its connection URL and how to stop it. */
export interface TestServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Waits until `pid` has exited (polling with signal 0), at most `ms`. */
async function waitForExit(pid: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${pid} did not exit within ${ms} ms`);
}

/** The bin folder of Debian's PostgreSQL (the newest version installed), or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? undefined : join(root, versions[0]!, 'bin');
}

/**
 * initdb + pg_ctl start as the postgres user (when run as root; PostgreSQL refuses to run as
 * root) in a fresh temporary folder it owns, listening on 127.0.0.1 at a free port and on a
 * socket in that folder. `stop` sends SIGINT (fast shutdown) to the postmaster's PID and removes
 * the folder.
 */
export async function startPostgres(): Promise<TestServer> {
  const bin = postgresBin();
  if (bin === undefined) throw new Error('PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'logreg-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]): void => {
    if (asRoot)
      execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  run(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    '-w',
    'start',
  ]);
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        process.kill(pid, 'SIGINT');
        await waitForExit(pid, 20_000);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Debian's ClickHouse server binary, or undefined. */
export function clickhouseBin(): string | undefined {
  return ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((p) => existsSync(p));
}

/** Ports of one ClickHouse server. */
interface ClickhousePorts {
  readonly http: number;
  readonly tcp: number;
  readonly interserver: number;
}

/** The server's config (ClickHouse 18.16: root <yandex>) with a cluster of the given shards. */
function clickhouseConfig(dir: string, ports: ClickhousePorts, shards: readonly number[]): string {
  const shardXml = shards
    .map((tcp) => `<shard><replica><host>127.0.0.1</host><port>${tcp}</port></replica></shard>`)
    .join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <timezone>UTC</timezone>
  <remote_servers><two_shards>${shardXml}</two_shards></remote_servers>
</yandex>
`;
}

const clickhouseUsers = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_threads>2</max_threads></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

/** Waits until a ClickHouse server answers `GET /ping`, at most `ms`. */
async function waitForPing(http: number, child: ChildProcess, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${http}/ping`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`clickhouse-server on port ${http} did not answer within ${ms} ms`);
}

/**
 * `count` ClickHouse servers on free ports, each in its own temporary folder, all configured with
 * the cluster `two_shards` whose shards are these servers (so a Distributed table on any of them
 * spans all). `urls[k]` is server k's `clickhouse://` URL; `stop` sends SIGTERM to every PID and
 * removes the folders.
 */
export async function startClickhouse(
  count: number,
): Promise<{ urls: string[]; stop(): Promise<void> }> {
  const bin = clickhouseBin();
  if (bin === undefined) throw new Error('ClickHouse is not installed');
  const ports: ClickhousePorts[] = [];
  for (let k = 0; k < count; k++) {
    ports.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() });
  }
  const servers: { child: ChildProcess; dir: string }[] = [];
  // Every server gets its SIGTERM before any wait, and every folder goes, whatever fails.
  const stop = async (): Promise<void> => {
    const running = servers.filter(
      ({ child }) => child.exitCode === null && child.signalCode === null,
    );
    for (const { child } of running) {
      try {
        process.kill(child.pid!, 'SIGTERM');
      } catch {
        // it has just exited
      }
    }
    try {
      for (const { child } of running) await waitForExit(child.pid!, 30_000);
    } finally {
      for (const { dir } of servers) rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    for (const p of ports) {
      const dir = mkdtempSync(join(tmpdir(), 'logreg-ch-'));
      for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub));
      writeFileSync(join(dir, 'users.xml'), clickhouseUsers);
      writeFileSync(
        join(dir, 'config.xml'),
        clickhouseConfig(
          dir,
          p,
          ports.map((q) => q.tcp),
        ),
      );
      const child = spawn(bin, [`--config-file=${join(dir, 'config.xml')}`], {
        cwd: dir,
        stdio: 'ignore',
      });
      servers.push({ child, dir });
    }
    for (let k = 0; k < count; k++) await waitForPing(ports[k]!.http, servers[k]!.child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls: ports.map((p) => `clickhouse://127.0.0.1:${p.http}/default`), stop };
}
