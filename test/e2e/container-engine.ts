import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const ENGINE = path.join(ROOT, 'scripts/engine.sh');

export interface EngineResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command and collects its output; never throws for a non-zero exit. */
export function runCommand(
  command: string,
  args: readonly string[],
  { input, timeoutMs = 120_000 }: { input?: string; timeoutMs?: number } = {},
): Promise<EngineResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** The container engine (docker, else podman) with the project's settings: scripts/engine.sh. */
export function runEngine(
  args: readonly string[],
  options: { input?: string; timeoutMs?: number } = {},
): Promise<EngineResult> {
  return runCommand(ENGINE, args, options);
}

/** Like runEngine, and throws with the engine's stderr when the command fails. */
export async function engine(args: readonly string[], options: { input?: string; timeoutMs?: number } = {}) {
  const result = await runEngine(args, options);
  if (result.code !== 0)
    throw new Error(`${args.slice(0, 2).join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}

/**
 * Why containers cannot run here, or undefined when they can: an engine that runs containers
 * (docker or podman; buildah builds only) is needed.
 */
export async function whyNoContainers(): Promise<string | undefined> {
  const { code, stdout, stderr } = await runEngine(['--which']);
  if (code !== 0) return stderr.trim();
  const name = stdout.trim();
  return name === 'docker' || name === 'podman' ? undefined : `${name} builds images but runs no containers`;
}
