#!/usr/bin/env node
// The `ssos` command. The code is TypeScript run natively by Node 24 (type stripping); when this file is started
// by an older Node (the machine's own), hand over to the Node 24 that `npm install` put into node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const projectNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(projectNode)) {
    console.error(`ssos: needs Node 24 or newer (this is ${process.version}); run \`npm install\` first.`);
    process.exit(1);
  }
  const result = spawnSync(projectNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
await import('../src/cli/main.ts');
