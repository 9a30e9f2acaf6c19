import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/types.js';
import { harness, seededRandom, withoutServerMeta } from '../test-harness.js';
import { ServiceAllocators } from './service-allocators.js';

const svc = (spec: Record<string, unknown>, name = 'web'): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });

const ipNumber = (ip: string) => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);

describe('Service defaults and allocation', () => {
  it('stores a minimal Service with a dynamically allocated cluster IP', async () => {
    const out = await harness().create(svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const ip = out.spec.clusterIP;
    expect(withoutServerMeta(out)).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        clusterIP: ip,
        clusterIPs: [ip],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
    // Dynamic addresses come from above the 256-address static band of 10.96.0.0/12.
    expect(ipNumber(ip)).toBeGreaterThan(ipNumber('10.96.1.0'));
    expect(ipNumber(ip)).toBeLessThan(ipNumber('10.112.0.0'));
  });

  it('gives the kubernetes Service the first address', async () => {
    const out = await harness().create({ ...svc({ ports: [{ name: 'https', port: 443, targetPort: 6443 }] }, 'kubernetes') });
    expect(out.spec.clusterIPs).toEqual(['10.96.0.1']);
  });

  it('defaults NodePort and LoadBalancer fields and allocates node ports', async () => {
    const h = harness();
    const np = await h.create(svc({ type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }));
    expect(np.spec.externalTrafficPolicy).toBe('Cluster');
    expect(np.spec.ports[0].targetPort).toBe('http');
    expect(np.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(np.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    const lb = await h.create(svc({ type: 'LoadBalancer', ports: [{ port: 443 }], externalTrafficPolicy: 'Local' }, 'lb'));
    expect(lb.spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(lb.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(lb.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(lb.spec.healthCheckNodePort).not.toBe(lb.spec.ports[0].nodePort);
  });

  it('leaves headless and ExternalName services without an address', async () => {
    const h = harness();
    const headless = await h.create(svc({ clusterIP: 'None', ports: [{ port: 5432 }] }));
    expect(headless.spec.clusterIPs).toEqual(['None']);
    expect(headless.spec.ipFamilyPolicy).toBe('RequireDualStack');
    const ext = await h.create(svc({ type: 'ExternalName', externalName: 'db.example.com' }, 'ext'));
    expect(ext.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
  });

  it('refuses a node port another Service holds, and frees it on delete', async () => {
    const h = harness();
    await h.create(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, 'a'));
    const err = await h.failure(h.create(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, 'b')));
    expect(err.code).toBe(422);
    expect(err.status.message).toBe('Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    h.services.observe('DELETED', h.get('v1', 'Service', 'default', 'a'));
    await h.delete('v1', 'Service', 'default', 'a');
    expect((await h.create(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, 'b'))).spec.ports[0].nodePort).toBe(30080);
  });

  it('refuses a cluster IP outside the range or already in use', async () => {
    const h = harness();
    await h.create(svc({ clusterIP: '10.96.0.10', ports: [{ port: 53, protocol: 'UDP' }] }, 'dns'));
    const taken = await h.failure(h.create(svc({ clusterIP: '10.96.0.10', ports: [{ port: 80 }] }, 'other')));
    expect(taken.status.message).toBe('Service "other" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    const outside = await h.failure(h.create(svc({ clusterIP: '192.168.1.1', ports: [{ port: 80 }] }, 'other')));
    expect(outside.status.message).toContain('the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
  });

  it('keeps the stored Service address when a duplicate create fails', async () => {
    const h = harness();
    const first = await h.create(svc({ ports: [{ port: 80 }] }));
    const dup = await h.failure(h.create(svc({ ports: [{ port: 81 }] })));
    expect(dup.status.reason).toBe('AlreadyExists');
    const err = await h.failure(h.create(svc({ clusterIP: first.spec.clusterIP, ports: [{ port: 80 }] }, 'thief')));
    expect(err.status.message).toContain('provided IP is already allocated');
  });

  it('does not record anything on a dry run', async () => {
    const h = harness();
    await h.create(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30090 }] }, 'dry'), { dryRun: true });
    expect((await h.create(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30090 }] }, 'real'))).spec.ports[0].nodePort).toBe(30090);
  });
});

describe('Service validation', () => {
  it('refuses duplicate ports and unnamed ports in a multi-port Service', async () => {
    const h = harness();
    const err = await h.failure(h.create(svc({ ports: [{ name: 'a', port: 80 }, { port: 80 }] })));
    const lines = (err.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    expect(lines).toEqual(['spec.ports[1].name: Required value', 'spec.ports[1]: Duplicate value: {"protocol":"TCP","port":80}']);
  });

  it('refuses bad types and port numbers', async () => {
    const h = harness();
    const err = await h.failure(h.create(svc({ type: 'Magic', ports: [{ port: 0 }] })));
    const lines = (err.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ]),
    );
  });

  it('refuses changing the cluster IP, but keeps it when an update leaves it out', async () => {
    const h = harness();
    const cur = await h.create(svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const kept = await h.update(svc({ selector: { app: 'web2' }, ports: [{ port: 80 }] }));
    expect(kept.spec.clusterIP).toBe(cur.spec.clusterIP);
    const err = await h.failure(h.update({ ...kept, spec: { ...kept.spec, clusterIP: '10.96.0.50' } }));
    expect(err.status.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.50"]: may not change once set');
  });

  it('drops node ports when the type goes back to ClusterIP', async () => {
    const h = harness();
    const np = await h.create(svc({ type: 'NodePort', ports: [{ port: 80 }] }));
    const back = await h.update({ ...np, spec: { ...np.spec, type: 'ClusterIP' } });
    expect(back.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(back.spec.externalTrafficPolicy).toBeUndefined();
  });
});

describe('ServiceAllocators', () => {
  it('seeds from stored Services and follows watch events', () => {
    const pools = new ServiceAllocators({ random: seededRandom(7) });
    const stored = svc({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }, 'dns');
    pools.seed([stored]);
    expect(pools.ipProblem('default/x', '10.96.0.10')).toBe('provided IP is already allocated');
    expect(pools.ipProblem('default/dns', '10.96.0.10')).toBeUndefined();
    expect(pools.portProblem('default/x', 30001)).toBe('provided port is already allocated');
    expect(pools.portProblem('default/x', 29999)).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767');
    pools.observe('MODIFIED', { ...stored, spec: { ...stored.spec, type: 'ClusterIP', ports: [{ port: 80 }] } });
    expect(pools.portProblem('default/x', 30001)).toBeUndefined();
    pools.observe('DELETED', stored);
    expect(pools.ipProblem('default/x', '10.96.0.10')).toBeUndefined();
  });

  it('falls back to the static band when the rest is taken', () => {
    const pools = new ServiceAllocators({ serviceCIDR: '10.0.0.0/24', nodePortRange: [30000, 30015], random: seededRandom(3) });
    const taken = new Set<number>();
    for (let i = 0; i < 16; i++) taken.add(pools.pickPort(taken)!);
    expect(taken.size).toBe(16);
    expect(pools.pickPort(taken)).toBeUndefined();
    expect(pools.ipRange).toBe('10.0.0.0/24');
    expect(pools.firstIp).toBe('10.0.0.1');
  });
});
