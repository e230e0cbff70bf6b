#!/usr/bin/env node
// `prequal-schemas`, with a Node that runs TypeScript (see scripts/run-typescript.cjs).
require('../../../scripts/run-typescript.cjs')(require('node:path').join(__dirname, '../src/cli/main.ts'));
