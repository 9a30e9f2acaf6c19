import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './files.js';

const DAY = 24 * 60 * 60 * 1000;

export interface Pki {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
  /** Signs service account tokens. */
  serviceAccountKey: string;
}

const issuer = () => import('./pki-issue.js');

function readIf(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function stillValid(pem: string | undefined, minDays = 30): boolean {
  if (!pem) return false;
  try {
    return Date.parse(new X509Certificate(pem).validTo) > Date.now() + minDays * DAY;
  } catch {
    return false;
  }
}

/**
 * A CA, a serving certificate and an admin client certificate per data dir, created on first
 * start and reused after, so kubeconfigs stay valid across restarts.
 */
export async function ensurePki(dir: string, opts: { serverIps?: string[] } = {}): Promise<Pki> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = (n: string) => path.join(dir, n);
  let caCert = readIf(f('ca.crt'));
  let caKey = readIf(f('ca.key'));
  let rotated = false;
  if (!caCert || !caKey || !stillValid(caCert, 1)) {
    ({ cert: caCert, key: caKey } = await (await issuer()).createCa());
    writeFileAtomic(f('ca.key'), caKey, 0o600);
    writeFileAtomic(f('ca.crt'), caCert, 0o644);
    rotated = true;
  }
  const extraIps = [...new Set(opts.serverIps ?? [])].sort();
  const sansFile = f('apiserver.ips');
  // The serving certificate names the addresses pods use; a new address means a new certificate.
  const sansChanged = (readIf(sansFile) ?? '') !== extraIps.join(',');
  const pair = async (name: string, subject: string, server: boolean) => {
    let cert = readIf(f(`${name}.crt`));
    let key = readIf(f(`${name}.key`));
    if (rotated || !cert || !key || !stillValid(cert) || (server && sansChanged)) {
      ({ cert, key } = await (await issuer()).issueWithCa({ caCert: caCert!, caKey: caKey!, subject, server, years: server ? 1 : 2, extraIps: server ? extraIps : [] }));
      writeFileAtomic(f(`${name}.key`), key, 0o600);
      writeFileAtomic(f(`${name}.crt`), cert, 0o644);
    }
    return { cert, key };
  };
  const server = await pair('apiserver', 'CN=skiff-apiserver', true);
  if (sansChanged) writeFileAtomic(sansFile, extraIps.join(','), 0o644);
  const admin = await pair('admin', 'CN=skiff-admin, O=system:masters', false);
  let saKey = readIf(f('sa.key'));
  if (!saKey) {
    saKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileAtomic(f('sa.key'), saKey, 0o600);
  }
  return { caCert, caKey, serverCert: server.cert, serverKey: server.key, adminCert: admin.cert, adminKey: admin.key, serviceAccountKey: saKey };
}
