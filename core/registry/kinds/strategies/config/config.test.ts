import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types.js';
import { harness, withoutServerMeta } from '../test-harness.js';

const secret = (extra: Record<string, unknown>, name = 's'): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, ...extra });
const configMap = (extra: Record<string, unknown>, name = 'cm'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, ...extra });

describe('Secret', () => {
  it('defaults the type and folds stringData into data', async () => {
    const out = await harness().create(secret({ data: { a: 'YQ==\n' }, stringData: { b: 'héllo', a: 'over' } }));
    expect(withoutServerMeta(out)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      type: 'Opaque',
      data: { a: Buffer.from('over').toString('base64'), b: Buffer.from('héllo').toString('base64') },
    });
  });

  it('answers invalid base64 as the decoder does, with a 400', async () => {
    const h = harness();
    const err = await h.failure(h.create(secret({ data: { a: 'abcd!xyz' } })));
    expect(err.code).toBe(400);
    expect(err.status.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
  });

  it('requires the keys each type needs', async () => {
    const h = harness();
    const tls = await h.failure(h.create(secret({ type: 'kubernetes.io/tls', data: {} })));
    expect(tls.status.message).toBe('Secret "s" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]');
    const docker = await h.failure(h.create(secret({ type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': 'oops' } })));
    expect(docker.status.message).toBe(`Secret "s" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'o' looking for beginning of value`);
    const sa = await h.failure(h.create(secret({ type: 'kubernetes.io/service-account-token' })));
    expect(sa.status.message).toBe('Secret "s" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value');
  });

  it('refuses bad keys and oversized payloads', async () => {
    const h = harness();
    const key = await h.failure(h.create(secret({ stringData: { 'bad key': 'x' } })));
    expect(key.status.message).toBe(
      `Secret "s" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    const big = await h.failure(h.create(secret({ stringData: { big: 'x'.repeat(1024 * 1024 + 1) } })));
    expect(big.status.message).toBe('Secret "s" is invalid: data: Too long: may not be more than 1048576 bytes');
  });

  it('keeps an immutable Secret and its type as they are', async () => {
    const h = harness();
    await h.create(secret({ immutable: true, stringData: { a: '1' } }));
    const changed = await h.failure(h.update(secret({ immutable: true, stringData: { a: '2' } })));
    expect(changed.status.message).toBe('Secret "s" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    const unlocked = await h.failure(h.update(secret({ immutable: false, stringData: { a: '1' } })));
    expect(unlocked.status.message).toBe('Secret "s" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
    await h.create(secret({ stringData: { a: '1' } }, 't'));
    const retyped = await h.failure(h.update(secret({ type: 'kubernetes.io/basic-auth', stringData: { username: 'u' } }, 't')));
    expect(retyped.status.message).toBe('Secret "t" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
  });
});

describe('ConfigMap', () => {
  it('refuses keys in both data and binaryData, and bad keys', async () => {
    const h = harness();
    const err = await h.failure(h.create(configMap({ data: { a: '1', '..x': '2' }, binaryData: { a: 'AA==' } })));
    const lines = (err.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    expect(lines).toEqual([`data[..x]: Invalid value: "..x": must not start with '..'`, 'data[a]: Invalid value: "a": duplicate of key present in binaryData']);
  });

  it('reports an oversized ConfigMap against the whole object', async () => {
    const h = harness();
    const err = await h.failure(h.create(configMap({ data: { big: 'x'.repeat(1024 * 1024 + 1) } })));
    expect(err.status.message).toBe('ConfigMap "cm" is invalid: []: Too long: may not be more than 1048576 bytes');
  });

  it('freezes data of an immutable ConfigMap', async () => {
    const h = harness();
    await h.create(configMap({ immutable: true, data: { a: '1' } }));
    expect((await h.failure(h.update(configMap({ immutable: true, data: { a: '2' } })))).status.message).toBe(
      'ConfigMap "cm" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
    const relabeled = configMap({ immutable: true, data: { a: '1' } });
    relabeled.metadata.labels = { team: 'a' };
    expect((await h.update(relabeled)).metadata.labels).toEqual({ team: 'a' });
  });
});
