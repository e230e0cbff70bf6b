// Runs a command's TypeScript entry point with a Node that runs TypeScript: this one when it is
// Node 24 or later (as .nvmrc pins), else the project's own, which scripts/ensure-node.sh fetched
// into .tools/ for make. So `npx prequal` works in a shell whose `node` is an older one. CommonJS
// and no syntax newer than Node 12, so that any Node can read this far and say what it needs.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { spawnSync } = require('node:child_process');

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
  const node = path.join(root, '.tools', `node-${pinned}`, 'bin', 'node');
  if (!existsSync(node)) {
    console.error(
      `${path.basename(process.argv[1])} needs Node 24 and this is ${process.version}: ` +
        `run scripts/ensure-node.sh (make does) to fetch Node ${pinned} into .tools/, or install Node 24`,
    );
    process.exit(1);
  }
  const result = spawnSync(node, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.error) throw result.error;
  process.exit(result.status === null ? 1 : result.status);
};
