// Builds the web app into dist/web. With --if-needed, skips the build when dist/web is newer than every source file
// the app is built from (so `npm start` is quick after the first time).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'dist/web/index.html');
const inputs = ['src/web', 'src/core', 'src/server/api', 'vite.config.ts', 'package-lock.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const ifNeeded = process.argv.includes('--if-needed');
if (ifNeeded && existsSync(output)) {
  const sourceTime = Math.max(...inputs.map((i) => newestMtime(path.join(root, i))));
  if (statSync(output).mtimeMs >= sourceTime) process.exit(0);
}
console.log('Building the web app…');
await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
console.log('Web app built into dist/web.');
