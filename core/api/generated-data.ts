// Data files the codegen writes (descriptor tables, OpenAPI definitions) live in
// core/api/generated/ beside the sources and in dist/generated/ beside the
// bundled CLI. import.meta.url points at this module in the first case and at
// the bundle in the second, so both resolve "./generated/" next to themselves;
// the other candidates cover bundles emitted one folder deeper.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['./generated/', '../generated/', '../api/generated/', '../../generated/'];

const cache = new Map<string, unknown>();

export class GeneratedDataMissingError extends Error {
  constructor(fileName: string, searched: readonly string[]) {
    super(
      `generated data file ${fileName} not found (searched ${searched.join(', ')}); ` +
        'run `npm run prepare` to generate it',
    );
    this.name = 'GeneratedDataMissingError';
  }
}

function candidateDirs(): string[] {
  const dirs: string[] = [];
  const override = process.env.SKIFF_GENERATED_DIR;
  if (override) dirs.push(path.resolve(override));
  for (const rel of CANDIDATES) dirs.push(fileURLToPath(new URL(rel, import.meta.url)));
  return [...new Set(dirs)];
}

/** Reads and caches one generated JSON file; throws GeneratedDataMissingError if it was never generated. */
export function loadGeneratedJson<T>(fileName: string): T {
  const cached = cache.get(fileName);
  if (cached !== undefined) return cached as T;
  const searched = candidateDirs();
  for (const dir of searched) {
    const file = path.join(dir, fileName);
    if (!fs.existsSync(file)) continue;
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    cache.set(fileName, value);
    return value;
  }
  throw new GeneratedDataMissingError(fileName, searched);
}
