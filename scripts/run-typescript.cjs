// Runs a command's TypeScript entry point with a Node that runs TypeScript: this one when it is
// Node 24 or later (as .nvmrc pins), else the project's own, which scripts/ensure-node.sh fetched
// into .tools/ for make, else a Node 24 further along PATH. So `npx prequal` works in a shell whose
// `node` is an older one. CommonJS and no syntax newer than Node 12, so that any Node can read this
// far and say what it needs.
'use strict';
const { existsSync, readFileSync, realpathSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { spawn, spawnSync } = require('node:child_process');

/** The project's Node (what make fetched), else the first Node 24 or later on PATH, else none. */
function runnableNode(pinnedNode) {
  if (existsSync(pinnedNode)) return pinnedNode;
  const self = realpathSync(process.execPath);
  for (const dir of (process.env.PATH || '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'node');
    if (!existsSync(candidate) || realpathSync(candidate) === self) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout || '';
    if (Number(version.split('.')[0]) >= 24) return candidate;
  }
  return undefined;
}

module.exports = function runTypeScript(entry) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) {
    import(pathToFileURL(entry).href).catch((error) => {
      console.error(error);
      process.exit(1);
    });
    return;
  }
  const root = path.resolve(__dirname, '..');
  const pinned = readFileSync(path.join(root, '.nvmrc'), 'utf8').trim();
  const node = runnableNode(path.join(root, '.tools', `node-${pinned}`, 'bin', 'node'));
  if (!node) {
    console.error(
      `${path.basename(process.argv[1] || 'this command')} needs Node 24 and this is ${process.version}: ` +
        `run scripts/ensure-node.sh (make does) to fetch Node ${pinned} into .tools/, or install Node 24`,
    );
    process.exit(1);
  }
  const child = spawn(node, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  // A signal for this process is for the command: passed on, and its end is this one's.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code === null ? 1 : code);
  });
};
