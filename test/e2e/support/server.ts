import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The repository's root directory. */
export const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** A running platform for browser tests: its address, and how to stop it. */
export interface RunningPlatform {
  /** The address the server printed, without a trailing slash: `http://localhost:PORT`. */
  url: string;
  /** Everything the server has written to stdout and stderr so far. */
  output: () => string;
  /** Stops the server (SIGTERM), waits for it to exit and removes its data directory. */
  stop: () => Promise<void>;
}

const readyPattern = /ssos is running at (\S+)/;
// Loading the demo takes about a minute on a quiet machine and several on a loaded one.
const startTimeoutMs = 300_000;
const stopTimeoutMs = 15_000;
// Keep the tail of a chatty server's output, enough to explain a failure.
const maxOutputChars = 200_000;

/** Finds a free TCP port on the loopback interface by listening on port 0. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

/**
 * Starts the platform the way the README's first command does (`ssos serve --demo`), on a free port, with the
 * embedded database in a fresh temporary directory, and resolves once it says it is running.
 */
export async function startPlatform(): Promise<RunningPlatform> {
  if (!existsSync(path.join(repoRoot, 'dist/web/index.html'))) {
    throw new Error('The web app is not built: run `npm run build` (or `npm run test:e2e`, which builds it first).');
  }
  const port = await findFreePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ssos-e2e-data-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SSOS_DATA_DIR: dataDir };
  // The embedded database, whatever the machine's environment says.
  delete env.DATABASE_URL;

  const child = spawn(process.execPath, ['bin/ssos.js', 'serve', '--demo'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-maxOutputChars);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  const stop = async () => {
    await stopChild(child, exited);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await waitForReady(child, () => output);
    return { url: url.replace(/\/$/, ''), output: () => output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitForReady(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`ssos serve --demo ${why}. Its output:\n${output()}`));
    };
    const onData = () => {
      const match = readyPattern.exec(output());
      if (match?.[1] !== undefined) {
        cleanup();
        resolve(match[1]);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited (${signal ?? `code ${code}`}) before it was running`);
    const onError = (err: Error) => fail(`could not be started: ${err.message}`);
    const timer = setTimeout(
      () => fail(`did not say it was running within ${startTimeoutMs / 1000} s`),
      startTimeoutMs,
    );
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), stopTimeoutMs).unref()),
  ]);
  if (timedOut) {
    // A server that ignores SIGTERM must not outlive the tests.
    child.kill('SIGKILL');
    await exited;
  }
}
