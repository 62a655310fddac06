import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface RunOptions {
  /** Wall-clock limit; the process group is killed with SIGKILL when it passes. */
  timeoutMs: number;
  /** RLIMIT_CPU in seconds (summed over threads), applied through util-linux `prlimit` when present. */
  cpuSeconds?: number;
  /** Called for every complete stdout line (FFmpeg's `-progress pipe:1`). */
  onLine?: (line: string) => void;
}

export interface RunResult {
  code: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));

/** Wraps a command in `prlimit --cpu=N` when available, so a runaway encode is stopped by the kernel. */
export function withLimits(command: string, args: string[], cpuSeconds: number | undefined): string[] {
  if (cpuSeconds === undefined || PRLIMIT === undefined) return [command, ...args];
  return [PRLIMIT, `--cpu=${Math.ceil(cpuSeconds)}`, '--', command, ...args];
}

const MAX_CAPTURE = 1 << 20;

/** Runs a command without a shell, stdin closed, with a wall-clock timeout and optional CPU limit. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const [bin = command, ...rest] = withLimits(command, args, options.cpuSeconds);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_CAPTURE) stdout += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-MAX_CAPTURE);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, stdout, stderr });
    });
  });
}
