/**
 * How the bench starts its Python peers (scikit-learn): `/usr/bin/python3` with
 * `OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE` removed from that child's environment only. Both
 * are set on some machines for old OpenBLAS builds; they force a kernel (e.g. Haswell) and a cache
 * size that slow a current OpenBLAS, which otherwise picks its own kernel for the CPU. The bench
 * compares against each peer at its best; tests and CI never run Python.
 */
import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';

/** Variables removed from the peers' environment. */
export const PEER_UNSET = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const;

/** This process's environment without {@link PEER_UNSET}. */
export function peerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of PEER_UNSET) delete env[name];
  return env;
}

/** Runs `/usr/bin/python3 args…` in {@link peerEnv}, output as text. */
export function runPython(
  args: readonly string[],
  timeoutMs = 30 * 60_000,
): SpawnSyncReturns<string> {
  return spawnSync('/usr/bin/python3', args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: timeoutMs,
    env: peerEnv(),
  });
}

/** The BLAS a Python peer ran on, as bench/sklearn_common.py's `blas_info()` reports it. */
export interface PeerBlas {
  readonly library?: string;
  readonly version?: string;
  readonly kernel?: string;
  readonly threads?: number;
  readonly threadingLayer?: string;
  readonly file?: string;
  readonly note?: string;
}

/** One line for the table: "openblas 0.3.21 Cooperlake, 2 threads". */
export function describeBlas(blas: readonly PeerBlas[] | undefined): string {
  if (blas === undefined || blas.length === 0) return 'BLAS unknown';
  return blas
    .map((b) =>
      b.note !== undefined
        ? b.note
        : `${b.library ?? '?'} ${b.version ?? ''} ${b.kernel ?? ''}, ${b.threads ?? '?'} thread${b.threads === 1 ? '' : 's'}`.replace(
            /\s+/g,
            ' ',
          ),
    )
    .join('; ');
}
