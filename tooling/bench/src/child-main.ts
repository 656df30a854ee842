/**
 * The benchmark re-runs its own script with `--child <task> ...` to measure
 * something in a fresh process (import time, peak RSS of a transfer). Each
 * task prints one JSON line on stdout as its result.
 */
export type ChildTask = (args: readonly string[]) => Promise<unknown>;

const tasks = new Map<string, ChildTask>();

/** Registers a task a group can run in a child process. */
export function registerChildTask(name: string, task: ChildTask): void {
  tasks.set(name, task);
}

/** Entry point of a child process. */
export async function runChild(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const task = name === undefined ? undefined : tasks.get(name);
  if (!task) {
    process.stderr.write(`unknown child task ${JSON.stringify(name)}; known: ${[...tasks.keys()].join(', ')}\n`);
    return 2;
  }
  const result = await task(rest);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

/**
 * Runs a registered task in a fresh Node process (this same script with
 * `--child`) and returns its JSON result; on failure the error names the
 * child's last stderr line.
 */
export async function spawnTask(name: string, args: readonly string[], options: { timeoutMs?: number } = {}): Promise<unknown> {
  const { spawn } = await import('node:child_process');
  const script = process.argv[1];
  if (script === undefined) throw new Error('cannot locate the benchmark script to re-run');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, '--child', name, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let lastError = '';
    // Keep the child's last error-looking stderr line (else its last line) for the skip reason.
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      for (const raw of chunk.split('\n')) {
        const line = raw.trim();
        if (!line || /Warning|node --trace|^at |^Node\.js v/.test(line)) continue;
        if (/error|cannot|has no|answered/i.test(line) || lastError === '') lastError = line.slice(0, 240);
      }
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`child ${name} exited with ${code}${lastError ? `: ${lastError}` : ''}`));
      try {
        resolvePromise(JSON.parse(last) as unknown);
      } catch {
        reject(new Error(`child ${name} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}
