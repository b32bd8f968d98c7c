// Timing one command as a user runs it (a fresh process each time), shared by
// bench:pdf and bench:pptx: wall time, and CPU and peak memory from /usr/bin/time -v.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
if (!hasTime) console.warn('/usr/bin/time is missing, so peak memory is not measured (Debian: apt-get install -y time)');

export interface Sample {
  ms: number;
  /** CPU seconds (user + system): what the run costs when the machine is shared. */
  cpuS: number | null;
  rssMb: number | null;
  ok: boolean;
  stderr: string;
}

/** Runs `cmd args` once from the project root, under /usr/bin/time -v where it exists. */
export function runOnce(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Sample {
  const started = performance.now();
  const r = spawnSync(hasTime ? TIME : cmd, hasTime ? ['-v', cmd, ...args] : args, { env, encoding: 'utf8', cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  const stderr = r.stderr ?? '';
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  return { ms, cpuS: user && sys ? Number(user[1]) + Number(sys[1]) : null, rssMb: rss ? Number(rss[1]) / 1024 : null, ok: r.status === 0, stderr };
}

/** The median of `xs` (the mean of the middle two for an even count). */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
