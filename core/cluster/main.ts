import { main } from './cli.js';

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`skiff: error: ${(err as Error).message}\n`);
  process.exit(1);
});
