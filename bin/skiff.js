#!/usr/bin/env node
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('skiff: error: the CLI is not built; run `npm run prepare` in the Skiff folder\n');
  process.exit(1);
}
await import(cli.href);
