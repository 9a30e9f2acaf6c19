import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { useSkiffContext } from './kube-context.js';

const entry = { server: 'https://127.0.0.1:6443', caCert: 'CA', clientCert: 'CERT', clientKey: 'KEY' };
const running = { state: 'running' as const, kubeconfigEntry: () => entry };

function userKubeconfig(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-kc-'));
  const file = path.join(dir, 'config');
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'work', cluster: { server: 'https://work.example:443' } }],
      users: [{ name: 'me', user: { token: 't' } }],
      contexts: [
        { name: 'work', context: { cluster: 'work', user: 'me', namespace: 'team' } },
        { name: 'skiff', context: { cluster: 'skiff', user: 'skiff-admin', namespace: 'mine' } },
      ],
      'current-context': 'work',
    }),
  );
  return file;
}

describe('use the skiff context', () => {
  it('keeps the other contexts and the current one unless asked to switch', () => {
    const file = userKubeconfig();
    const r = useSkiffContext(running, { switchContext: false, file, now: new Date('2026-01-01T00:00:00Z') });
    const doc = parse(readFileSync(file, 'utf8'));
    expect(r.current).toBe(false);
    expect(doc['current-context']).toBe('work');
    expect(doc.contexts.map((c: { name: string }) => c.name)).toEqual(['work', 'skiff']);
    expect(doc.contexts[0].context).toEqual({ cluster: 'work', user: 'me', namespace: 'team' });
    // The user's own edit to our context survives.
    expect(doc.contexts[1].context.namespace).toBe('mine');
    expect(doc.clusters.find((c: { name: string }) => c.name === 'skiff').cluster.server).toBe(entry.server);
    expect(r.backup).toMatch(/config\.skiff-backup-2026-01-01/);
  });

  it('switches when asked', () => {
    const file = userKubeconfig();
    const r = useSkiffContext(running, { switchContext: true, file });
    expect(r.current).toBe(true);
    expect(parse(readFileSync(file, 'utf8'))['current-context']).toBe('skiff');
  });

  it('refuses while the cluster is not running', () => {
    expect(() => useSkiffContext({ state: 'stopped', kubeconfigEntry: () => entry }, { switchContext: false, file: userKubeconfig() })).toThrow(/start Kubernetes first/);
  });
});
