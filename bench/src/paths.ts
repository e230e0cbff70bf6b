import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench/results');
/** Logs of the processes of the latest run (git-ignored, replaced by the next run). */
export const LOG_DIR = path.join(REPO_ROOT, '.out/bench/logs');
/** V8 CPU profiles of the services, when BENCH_CPU_PROFILE=1 (see profile-summary.ts). */
export const PROFILE_DIR = path.join(REPO_ROOT, '.out/bench/profiles');

export function serviceMain(service: string): string {
  return path.join(REPO_ROOT, 'services', service, 'src/main.ts');
}

/** Where the native stack keeps its pid files: STACK_DIR (a second stack beside the first), else .stack. */
export function stackRunDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.STACK_DIR ?? path.join(REPO_ROOT, '.stack'), 'run');
}
