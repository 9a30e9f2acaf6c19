import 'reflect-metadata';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { writeFileAtomic } from './files.js';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const crypto = webcrypto;
x509.cryptoProvider.set(crypto as never);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
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

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function importKey(pem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), ALG, true, ['sign']);
}

function serial(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');
}

async function issue(opts: { subject: string; caCert: x509.X509Certificate; caKey: CryptoKey; server?: boolean; years: number; extraIps?: string[] }): Promise<{ cert: string; key: string }> {
  const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([opts.server ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth], false),
    await x509.AuthorityKeyIdentifierExtension.create(opts.caCert, false),
  ];
  if (opts.server) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'dns', value: 'kubernetes' },
        { type: 'dns', value: 'kubernetes.default' },
        { type: 'dns', value: 'kubernetes.default.svc' },
        { type: 'dns', value: 'kubernetes.default.svc.cluster.local' },
        { type: 'dns', value: 'host.docker.internal' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
        { type: 'ip', value: '10.96.0.1' },
        ...(opts.extraIps ?? []).map((value) => ({ type: 'ip' as const, value })),
      ]),
    );
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: opts.subject,
    issuer: opts.caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + opts.years * 365 * DAY),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: opts.caKey,
    extensions,
  });
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
}

function readIf(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function stillValid(pem: string | undefined, minDays = 30): boolean {
  if (!pem) return false;
  try {
    return new x509.X509Certificate(pem).notAfter.getTime() > Date.now() + minDays * DAY;
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
    const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: 'CN=skiff-ca',
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 10 * 365 * DAY),
      signingAlgorithm: ALG,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    caCert = cert.toString('pem');
    caKey = await keyPem(keys.privateKey);
    writeFileAtomic(f('ca.key'), caKey, 0o600);
    writeFileAtomic(f('ca.crt'), caCert, 0o644);
    rotated = true;
  }
  const ca = new x509.X509Certificate(caCert);
  const signingKey = await importKey(caKey);
  const extraIps = [...new Set(opts.serverIps ?? [])].sort();
  const sansFile = f('apiserver.ips');
  // The serving certificate names the addresses pods use; a new address means a new certificate.
  const sansChanged = (readIf(sansFile) ?? '') !== extraIps.join(',');
  const pair = async (name: string, subject: string, server: boolean) => {
    let cert = readIf(f(`${name}.crt`));
    let key = readIf(f(`${name}.key`));
    if (rotated || !cert || !key || !stillValid(cert) || (server && sansChanged)) {
      ({ cert, key } = await issue({ subject, caCert: ca, caKey: signingKey, server, years: server ? 1 : 2, extraIps: server ? extraIps : [] }));
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
