import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Projection {
  data: Buffer;
  mode: number;
}

const DATA = '..data';

/**
 * Upstream's atomic writer layout, so readers inside containers never see a half-written
 * update: the files live in a timestamped `..<ts>` directory, `..data` links to it, and each
 * visible name links through `..data`. An update writes a new directory and swaps `..data`
 * with one rename. Returns whether anything changed.
 */
export function writeAtomic(dir: string, files: Map<string, Projection>, now: number): boolean {
  mkdirSync(dir, { recursive: true });
  const current = currentTarget(dir);
  if (current && sameContent(path.join(dir, current), files)) return false;
  const stamp = `..${new Date(now).toISOString().replace(/[-:]/g, '_').replace('T', '_').replace('Z', '')}.${process.hrtime.bigint() % 1000000000n}`;
  const target = path.join(dir, stamp);
  mkdirSync(target, { mode: 0o755 });
  for (const [rel, p] of files) {
    const file = path.join(target, rel);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    writeFileSync(file, p.data);
    chmodSync(file, p.mode);
  }
  const tmp = path.join(dir, '..data_tmp');
  rmSync(tmp, { force: true });
  symlinkSync(stamp, tmp);
  renameSync(tmp, path.join(dir, DATA));
  const wanted = new Set([...files.keys()].map((rel) => rel.split('/')[0]!));
  for (const top of wanted) {
    const link = path.join(dir, top);
    if (!isSymlink(link)) symlinkSync(path.join(DATA, top), link);
  }
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('..')) {
      if (entry !== DATA && entry !== stamp) rmSync(path.join(dir, entry), { recursive: true, force: true });
      continue;
    }
    if (!wanted.has(entry)) rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  return true;
}

function currentTarget(dir: string): string | undefined {
  try {
    return readlinkSync(path.join(dir, DATA));
  } catch {
    return undefined;
  }
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function sameContent(root: string, files: Map<string, Projection>): boolean {
  if (!existsSync(root)) return false;
  const seen = listFiles(root);
  if (seen.length !== files.size) return false;
  for (const rel of seen) {
    const want = files.get(rel);
    if (!want) return false;
    const file = path.join(root, rel);
    if ((statSync(file).mode & 0o7777) !== want.mode) return false;
    if (!readFileSync(file).equals(want.data)) return false;
  }
  return true;
}

function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out;
}
