import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { engine, ROOT, runCommand } from './container-engine.ts';

export interface ImageConfig {
  readonly User: string;
  readonly Healthcheck?: { readonly Test: readonly string[] };
}

/** The image's user and health check (podman's `.Config` lacks the health check; these two paths work in both engines). */
export async function imageConfig(image: string): Promise<ImageConfig> {
  const format = '{"User":{{json .Config.User}},"Healthcheck":{{json .Config.Healthcheck}}}';
  return JSON.parse(await engine(['image', 'inspect', '--format', format, image])) as ImageConfig;
}

/** Runs a command in a throwaway container of the image; its output. */
function inImage(image: string, command: readonly string[], input?: string): Promise<string> {
  return engine(
    ['run', '--rm', '-i', '--no-healthcheck', image, ...command],
    input === undefined ? {} : { input },
  );
}

/** Paths under /app (outside node_modules) that tests, local settings or a repository leave. */
export async function strayFiles(image: string): Promise<string[]> {
  const found = await inImage(image, [
    'find',
    '/app',
    '-name',
    'node_modules',
    '-prune',
    '-o',
    '(',
    '-name',
    'test',
    '-o',
    '-name',
    '*.test.ts',
    '-o',
    '-name',
    '.env',
    '-o',
    '-name',
    '.env.*',
    '-o',
    '-name',
    '.git',
    ')',
    '-print',
  ]);
  return found.split('\n').filter(Boolean);
}

export async function fileExists(image: string, file: string): Promise<boolean> {
  return (
    (await inImage(image, ['sh', '-c', 'test -f "$1" && echo yes || echo no', 'sh', file])).trim() === 'yes'
  );
}

/** The lockfile's package locations (node_modules/a, node_modules/a/node_modules/b, ...) present in the image's /app. */
export async function installedPackages(image: string): Promise<string[]> {
  const lock = JSON.parse(await readFile(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  const locations = Object.keys(lock.packages).filter((location) => location.includes('node_modules/'));
  const present = await inImage(
    image,
    [
      'node',
      '-e',
      "const fs = require('node:fs'); for (const l of fs.readFileSync(0, 'utf8').split('\\n')) if (l && fs.existsSync('/app/' + l)) console.log(l)",
    ],
    locations.join('\n'),
  );
  return present.split('\n').filter(Boolean);
}

/**
 * Where npm puts the production dependencies of the workspaces the Dockerfile installs (read
 * from its `--workspace` options), from the full install on this machine: `npm ls --omit=dev`.
 */
export async function productionPackages(): Promise<Set<string>> {
  const dockerfile = await readFile(path.join(ROOT, 'Dockerfile'), 'utf8');
  const workspaces = [...dockerfile.matchAll(/--workspace (\S+)/g)].map(([, workspace]) => workspace ?? '');
  if (!workspaces.length) throw new Error('the Dockerfile installs no --workspace');
  const listed = await runCommand('npm', [
    'ls',
    '--all',
    '--omit=dev',
    '--parseable',
    ...workspaces.flatMap((workspace) => ['--workspace', workspace]),
  ]);
  const locations = listed.stdout
    .split('\n')
    .filter(Boolean)
    .map((location) => path.relative(ROOT, location));
  if (locations.length < 10) throw new Error(`npm ls listed ${locations.length} packages: ${listed.stderr}`);
  return new Set(locations);
}
