import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api-client.js';
import { startSkiff, type SkiffProcess } from '../../support/skiff.js';

let skiff: SkiffProcess;
let api: ApiClient;

beforeAll(async () => {
  skiff = await startSkiff();
  api = new ApiClient(skiff);
});
afterAll(async () => {
  api?.close();
  await skiff?.dispose();
});

const CM = '/api/v1/namespaces/default/configmaps';

describe('bad input', () => {
  it('answers malformed JSON and YAML with a 400 that says where', async () => {
    const r = await api.request('POST', CM, '{"apiVersion": "v1",\n "kind": "ConfigMap",\n "metadata": {"name": "x",}}');
    expect(r.status).toBe(400);
    const status = JSON.parse(r.body);
    expect(status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 });
    expect(status.message).toMatch(/line 3, column \d+/);
    const y = await api.request('POST', CM, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n', { 'Content-Type': 'application/yaml' });
    expect(y.status).toBe(400);
    expect(JSON.parse(y.body).message).toMatch(/invalid YAML at line \d+, column \d+/);
  });

  it('refuses a body over 3 MiB with a 413', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { k: 'x'.repeat(3.5 * 1024 * 1024) } });
    const r = await api.request('POST', CM, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).reason).toBe('RequestEntityTooLarge');
  });

  it('answers wrong types, wrong kinds and unknown content types with Status errors', async () => {
    const wrongType = await api.request('POST', '/apis/apps/v1/namespaces/default/deployments?fieldValidation=Strict', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'typed' },
      spec: { replicas: 'three', selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
    });
    expect(wrongType.status).toBe(422);
    expect(JSON.parse(wrongType.body).message).toMatch(/spec.replicas/);
    const wrongKind = await api.request('POST', CM, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k' } });
    expect(wrongKind.status).toBe(400);
    const unknownType = await api.request('POST', CM, 'x', { 'Content-Type': 'text/plain' });
    expect(unknownType.status).toBe(415);
    const badPatch = await api.request('PATCH', `${CM}/nope`, '{}', { 'Content-Type': 'application/x-nonsense' });
    expect(badPatch.status).toBe(415);
    const notObject = await api.request('POST', CM, '[1,2,3]');
    expect(notObject.status).toBe(400);
  });

  it('survives random bytes in every write format and keeps serving', async () => {
    const types = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json', 'application/apply-patch+yaml'];
    await api.request('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'target' }, data: { a: '1' } });
    for (let i = 0; i < 200; i++) {
      const type = types[i % types.length];
      const body = i % 3 === 0 ? randomBytes(1 + (i % 300)) : Buffer.concat([Buffer.from('k8s\0'), randomBytes(i % 200)]);
      const method = type.includes('patch') ? 'PATCH' : 'POST';
      const path = method === 'PATCH' ? `${CM}/target?fieldManager=fuzz` : CM;
      const r = await api.request(method, path, body, { 'Content-Type': type });
      expect(r.status, `${type} #${i}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${type} #${i}: ${r.body}`).toBeLessThan(500);
      expect(JSON.parse(r.body).kind).toBe('Status');
    }
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const d = await api.request('PATCH', `${CM}/target`, deep, { 'Content-Type': 'application/json-patch+json' });
    expect(d.status).toBeGreaterThanOrEqual(400);
    expect(d.status).toBeLessThan(500);
    const after = await api.request('GET', `${CM}/target`);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body).data).toEqual({ a: '1' });
    expect((await skiff.getPublic('/readyz')).body).toBe('ok');
  });
});
