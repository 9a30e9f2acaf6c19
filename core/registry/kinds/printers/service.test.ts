import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.js';
import { printerBehaviors } from './index.js';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');
const row = (key: string, obj: KubeObject) => printerBehaviors[key].table!.row(obj, NOW);
const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: ago(45) });

function svc(spec: object, status: object = {}): KubeObject {
  return { metadata: meta('web'), spec: { selector: { app: 'web' }, ...spec }, status };
}

describe('service table', () => {
  it('prints a NodePort service', () => {
    const s = svc({ type: 'NodePort', clusterIP: '10.96.12.34', clusterIPs: ['10.96.12.34'], ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }] });
    expect(row('/Service', s)).toEqual(['web', 'NodePort', '10.96.12.34', '<none>', '80:30080/TCP', '45s', 'app=web']);
  });

  it('prints LoadBalancer ingress addresses, or <pending> without them', () => {
    const spec = { type: 'LoadBalancer', clusterIP: '10.96.0.50', clusterIPs: ['10.96.0.50'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }, { port: 53, nodePort: 31053, protocol: 'UDP' }] };
    const ingress = [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.10' }];
    expect(row('/Service', svc(spec, { loadBalancer: { ingress } }))).toEqual(['web', 'LoadBalancer', '10.96.0.50', '203.0.113.10,lb.example.com', '443:31443/TCP,53:31053/UDP', '45s', 'app=web']);
    expect(row('/Service', svc(spec, { loadBalancer: {} }))[3]).toBe('<pending>');
    // The server prints wide cells, so long lists are never clipped.
    const many = [{ ip: '198.51.100.101' }, { ip: '198.51.100.102' }];
    expect(row('/Service', svc({ ...spec, externalIPs: ['192.0.2.7'] }, { loadBalancer: { ingress: many } }))[3]).toBe('198.51.100.101,198.51.100.102,192.0.2.7');
  });

  it('prints ClusterIP, headless and ExternalName services', () => {
    const plain = svc({ type: 'ClusterIP', clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.1'], ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] });
    expect(row('/Service', plain).slice(1, 5)).toEqual(['ClusterIP', '10.96.1.1', '<none>', '80/TCP,443/TCP']);
    const headless = svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] });
    expect(row('/Service', headless).slice(1, 5)).toEqual(['ClusterIP', 'None', '<none>', '5432/TCP']);
    const external = { metadata: meta('db'), spec: { type: 'ExternalName', externalName: 'db.example.com' } };
    expect(row('/Service', external)).toEqual(['db', 'ExternalName', '<none>', 'db.example.com', '<none>', '45s', '<none>']);
  });

  it('selects on spec.clusterIP and spec.type', () => {
    const s = svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] });
    expect(printerBehaviors['/Service'].fieldSelectors!['spec.clusterIP'](s)).toBe('None');
    expect(printerBehaviors['/Service'].fieldSelectors!['spec.type'](s)).toBe('ClusterIP');
  });
});

describe('endpoint tables', () => {
  it('prints the first three address:port pairs and how many more', () => {
    const ep = {
      metadata: meta('web'),
      subsets: [
        { addresses: [{ ip: '10.244.0.5' }, { ip: '10.244.0.6' }], ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] },
        { addresses: [{ ip: 'fd00::7' }], ports: [{ port: 8080 }] },
      ],
    };
    expect(row('/Endpoints', ep)).toEqual(['web', '10.244.0.5:80,10.244.0.6:80,10.244.0.5:443 + 2 more...', '45s']);
    expect(row('/Endpoints', { metadata: meta('headless'), subsets: [{ addresses: [{ ip: '10.244.0.9' }] }] })[1]).toBe('10.244.0.9');
    expect(row('/Endpoints', { metadata: meta('empty') })[1]).toBe('<none>');
  });

  it('prints endpoint slices', () => {
    const slice = {
      metadata: meta('web-abc12'),
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'named' }],
      endpoints: [{ addresses: ['10.244.0.5'] }, { addresses: ['10.244.0.6'] }, { addresses: ['10.244.0.7'] }, { addresses: ['10.244.0.8'] }],
    };
    expect(row('discovery.k8s.io/EndpointSlice', slice)).toEqual(['web-abc12', 'IPv4', '80,named', '10.244.0.5,10.244.0.6,10.244.0.7 + 1 more...', '45s']);
    expect(row('discovery.k8s.io/EndpointSlice', { metadata: meta('none'), addressType: 'IPv4' }).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });
});

describe('networking tables', () => {
  it('prints ingresses', () => {
    const ing = {
      metadata: meta('site'),
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, {}, { host: 'b.example.com' }, { host: 'c.example.com' }, { host: 'd.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
      status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
    };
    expect(row('networking.k8s.io/Ingress', ing)).toEqual(['site', 'nginx', 'a.example.com,b.example.com,c.example.com + 2 more...', '192.168.49.2', '80, 443', '45s']);
    expect(row('networking.k8s.io/Ingress', { metadata: meta('bare'), spec: { defaultBackend: {} } })).toEqual(['bare', '<none>', '*', '', '80', '45s']);
  });

  it('prints ingress classes, network policies, service CIDRs and IP addresses', () => {
    const ic = { metadata: meta('nginx'), spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } } };
    expect(row('networking.k8s.io/IngressClass', ic)).toEqual(['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '45s']);
    expect(row('networking.k8s.io/NetworkPolicy', { metadata: meta('deny'), spec: { podSelector: {} } })).toEqual(['deny', '<none>', '45s']);
    expect(row('networking.k8s.io/NetworkPolicy', { metadata: meta('db'), spec: { podSelector: { matchLabels: { role: 'db' } } } })[1]).toBe('role=db');
    expect(row('networking.k8s.io/ServiceCIDR', { metadata: meta('kubernetes'), spec: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/108'] } })[1]).toBe('10.96.0.0/12,fd00:10:96::/108');
    const ip = { metadata: meta('10.96.0.1'), spec: { parentRef: { group: '', resource: 'services', namespace: 'default', name: 'kubernetes' } } };
    expect(row('networking.k8s.io/IPAddress', ip)).toEqual(['10.96.0.1', 'services/default/kubernetes', '45s']);
    expect(printerBehaviors['networking.k8s.io/IPAddress'].table!.columns.map((c) => c.name)).toEqual(['Name', 'ParentRef']);
  });
});
