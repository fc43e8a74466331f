import type { MessagePort } from 'node:worker_threads';

/** What the worker receives: the target, the driver's resolved path, the wake flag and its port. */
export interface SqlWorkerData {
  readonly target: Record<string, string>;
  readonly driver: string;
  readonly flag: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** A reply on the port: rows, or the engine's error message. */
export type SqlWorkerReply =
  | { readonly ok: true; readonly rows: unknown[][] }
  | { readonly ok: false; readonly message: string };

/**
 * The body of the worker thread that owns an engine connection (shipped as source text, so it is
 * self-contained). It opens the connection, says `{ ready }` on the parent port, then answers each
 * `{ text, params, command }` on its own port (`command`: a statement without a result, which
 * ClickHouse's client sends differently) with `{ ok, rows }` and wakes the caller through the shared
 * flag (the caller waits with Atomics.wait and reads the reply with receiveMessageOnPort).
 * Values come back as numbers, strings, booleans or null (bigints as numbers).
 */
export function sqlWorkerMain(
  load: (path: string) => unknown,
  data: SqlWorkerData,
  parent: { postMessage(message: unknown): void },
): void {
  type Run = (text: string, params: readonly unknown[], command: boolean) => Promise<unknown[][]>;
  /* eslint-disable @typescript-eslint/no-explicit-any -- the drivers' own types stay outside this self-contained body */
  const { target, driver, flag, port } = data;
  const state = new Int32Array(flag);
  // A heartbeat in state[1]: the waiting thread sees a worker that died stop beating.
  setInterval(() => Atomics.add(state, 1, 1), 100);
  const plain = (v: unknown): unknown =>
    typeof v === 'bigint' ? Number(v) : v === null || typeof v !== 'object' ? v : String(v);
  const reply = (message: SqlWorkerReply): void => {
    port.postMessage(message);
    Atomics.store(state, 0, 1);
    Atomics.notify(state, 0);
  };
  let run: Run = () => Promise.reject(new Error('not connected'));
  let close: () => Promise<void> = () => Promise.resolve();
  const lib = load(driver) as any;
  const open = async (): Promise<void> => {
    if (target.dialect === 'duckdb') {
      const instance = await lib.DuckDBInstance.create(target.path);
      const con = await instance.connect();
      run = async (text, params) => {
        const reader = await con.runAndReadAll(text, params.length > 0 ? params : undefined);
        return (reader.getRows() as unknown[][]).map((row) => row.map(plain));
      };
      close = async () => {
        con.closeSync();
        instance.closeSync();
      };
    } else if (target.dialect === 'postgres') {
      const client = new lib.Client({ connectionString: target.url });
      await client.connect();
      // The JIT compiles each new query text (every pass has new constants): slower, not faster.
      await client.query('SET jit = off');
      run = async (text, params) => {
        const result = await client.query({ text, values: params, rowMode: 'array' });
        return (result.rows as unknown[][]).map((row) => row.map(plain));
      };
      close = () => client.end();
    } else {
      const client = lib.createClient({
        url: target.url,
        username: target.username,
        password: target.password,
        database: target.database,
        // Errors reach the caller as SqlEngineError; the client's own log would repeat them.
        log: { level: 127 },
      });
      run = async (text, _params, command) => {
        if (command) {
          await client.command({ query: text });
          return [];
        }
        const result = await client.query({ query: text, format: 'JSONCompact' });
        const json = await result.json();
        return (json.data as unknown[][]).map((row) => row.map(plain));
      };
      await run('SELECT 1', [], false);
      close = () => client.close();
    }
  };
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const messageOf = (error: unknown): string =>
    error instanceof Error ? error.message : String(error);
  open().then(
    () => parent.postMessage({ ready: true }),
    (error: unknown) => parent.postMessage({ ready: false, message: messageOf(error) }),
  );
  port.on(
    'message',
    (request: { text?: string; params?: unknown[]; command?: boolean; close?: boolean }) => {
      if (request.close === true) {
        close().then(
          () => reply({ ok: true, rows: [] }),
          (error: unknown) => reply({ ok: false, message: messageOf(error) }),
        );
        return;
      }
      run(request.text ?? '', request.params ?? [], request.command === true).then(
        (rows) => reply({ ok: true, rows }),
        (error: unknown) => reply({ ok: false, message: messageOf(error) }),
      );
    },
  );
}
