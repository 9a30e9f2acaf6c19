import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeKubeconfig, standaloneKubeconfig } from './kubeconfig.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'skiff-kc-'));
  dirs.push(d);
  return d;
}

const entry = { server: 'https://127.0.0.1:6443', caCert: 'CA', clientCert: 'CERT', clientKey: 'KEY' };
const existing = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster: {server: https://prod.example.com}
users:
- name: me
  user: {token: abc}
contexts:
- name: prod
  context: {cluster: prod, user: me}
- name: skiff
  context: {cluster: skiff, user: skiff-admin, namespace: dev}
current-context: prod
`;

describe('kubeconfig', () => {
  it('writes a standalone file with embedded credentials', () => {
    const doc = parse(standaloneKubeconfig(entry));
    expect(doc['current-context']).toBe('skiff');
    expect(Buffer.from(doc.users[0].user['client-key-data'], 'base64').toString()).toBe('KEY');
  });

  it('merges without touching other contexts, the current context, or our context namespace', () => {
    const dir = tmp();
    const file = path.join(dir, 'config');
    writeFileSync(file, existing);
    const r = mergeKubeconfig(file, entry, { now: new Date('2026-01-01T00:00:00Z') });
    const doc = parse(readFileSync(file, 'utf8'));
    expect(doc['current-context']).toBe('prod');
    expect(r.current).toBe(false);
    expect(doc.contexts.map((c: { name: string }) => c.name)).toEqual(['prod', 'skiff']);
    expect(doc.contexts[1].context.namespace).toBe('dev');
    expect(doc.clusters.find((c: { name: string }) => c.name === 'prod').cluster.server).toBe('https://prod.example.com');
    expect(doc.clusters.find((c: { name: string }) => c.name === 'skiff').cluster.server).toBe('https://127.0.0.1:6443');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(r.backup!, 'utf8')).toBe(existing);
  });

  it('switches context only when asked, or when there is none', () => {
    const dir = tmp();
    const file = path.join(dir, 'config');
    writeFileSync(file, existing);
    expect(mergeKubeconfig(file, entry, { switchContext: true }).current).toBe(true);
    const fresh = path.join(dir, 'fresh', 'config');
    expect(mergeKubeconfig(fresh, entry).current).toBe(true);
    expect(readdirSync(path.dirname(fresh))).toEqual(['config']);
  });
});
