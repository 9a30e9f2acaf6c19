// Proves the decoder against the real client: kubectl 1.34 sends protobuf
// bodies for its `create` generators, and prints the same object as JSON with
// --dry-run=client, so the two must decode to the same thing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeKubernetesProtobuf } from './index.js';
import { KUBECTL_PATH, startKubectlRecorder, type KubectlRecorder, type RecordedRequest } from './testing/kubectl-recorder.js';

const haveKubectl = fs.existsSync(KUBECTL_PATH);
if (!haveKubectl && process.env.CI === 'true') {
  throw new Error(`kubectl 1.34 is missing at ${KUBECTL_PATH}; run node scripts/fetch-tools.mjs`);
}
const suite = haveKubectl ? describe : describe.skip;
if (!haveKubectl) {
  console.warn('skipping kubectl protobuf vectors: run `node scripts/fetch-tools.mjs --only=kubectl-1.34` to enable them');
}

// Go prints nil pointers and nil slices without omitempty as null; protobuf
// has no null, so those fields are simply absent after decoding.
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

function decodeBody(req: RecordedRequest): Record<string, unknown> {
  return req.contentType.startsWith('application/vnd.kubernetes.protobuf')
    ? decodeKubernetesProtobuf(req.body).object
    : (JSON.parse(req.body.toString('utf8')) as Record<string, unknown>);
}

const DEPLOYMENT_WEB = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '5' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
  },
};

suite('protobuf bodies from kubectl 1.34', () => {
  let rec: KubectlRecorder;
  let scratch: string;

  beforeAll(async () => {
    rec = await startKubectlRecorder(decodeBody, {
      '/apis/apps/v1/namespaces/default/deployments/web': DEPLOYMENT_WEB,
    });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-vectors-'));
  });
  afterAll(async () => {
    await rec?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** Runs the command for real and as a client dry run; returns the captured body and kubectl's own JSON. */
  async function capture(args: string[]) {
    const before = rec.requests.length;
    const sent = await rec.kubectl(args);
    const writes = rec.requests.slice(before).filter((r) => r.method !== 'GET');
    expect(writes, `${args.join(' ')}: ${sent.stderr}`).toHaveLength(1);
    expect(writes[0].contentType).toBe('application/vnd.kubernetes.protobuf');
    return writes[0];
  }

  async function expectSameAsDryRun(args: string[], sentBody?: (obj: Record<string, unknown>) => void) {
    const request = await capture(args);
    const decoded = decodeKubernetesProtobuf(request.body);
    // Flags must precede a `--` that starts the container command.
    const split = args.includes('--') ? args.indexOf('--') : args.length;
    const dryRun = await rec.kubectl([...args.slice(0, split), '--dry-run=client', '-o', 'json', ...args.slice(split)]);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(withoutNulls(decoded.object)).toEqual(withoutNulls(JSON.parse(dryRun.stdout)));
    sentBody?.(decoded.object);
    return decoded;
  }

  test('configmap', async () => {
    const decoded = await expectSameAsDryRun(['create', 'configmap', 'cm1', '--from-literal=a=b', '--from-literal=empty=']);
    expect(decoded).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(decoded.object.data).toEqual({ a: 'b', empty: '' });
  });

  test('secret data bytes become base64', async () => {
    const binary = path.join(scratch, 'blob.bin');
    fs.writeFileSync(binary, Buffer.from([0, 1, 2, 0xfe, 0xff, 0x80]));
    await expectSameAsDryRun(
      ['create', 'secret', 'generic', 's1', '--from-literal=user=admin', `--from-file=blob=${binary}`, '--type=Opaque'],
      (obj) => expect(obj.data).toEqual({ user: 'YWRtaW4=', blob: 'AAEC/v+A' }),
    );
  });

  test('deployment keeps replicas: 0 (a pointer field)', async () => {
    await expectSameAsDryRun(
      ['create', 'deployment', 'web0', '--image=nginx', '--replicas=0', '--port=80'],
      (obj) => expect((obj.spec as { replicas: number }).replicas).toBe(0),
    );
  });

  test('deployment with several containers and a command', async () => {
    await expectSameAsDryRun(['create', 'deployment', 'cmd', '--image=busybox', '--', 'sleep', '3600']);
    await expectSameAsDryRun(['create', 'deployment', 'multi', '--image=nginx:1.27', '--image=busybox']);
  });

  test('namespace', async () => {
    await expectSameAsDryRun(['create', 'namespace', 'ns1']);
  });

  test('job and cronjob', async () => {
    await expectSameAsDryRun(['create', 'job', 'j1', '--image=busybox', '--', 'echo', 'hi']);
    await expectSameAsDryRun(['create', 'cronjob', 'cj1', '--image=busybox', '--schedule=*/5 * * * *', '--restart=OnFailure', '--', 'date']);
  });

  test('serviceaccount', async () => {
    await expectSameAsDryRun(['create', 'serviceaccount', 'sa1']);
  });

  test('role, clusterrole and their bindings', async () => {
    await expectSameAsDryRun(['create', 'role', 'r1', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=a']);
    await expectSameAsDryRun(['create', 'clusterrole', 'cr1', '--verb=get', '--non-resource-url=/logs/*']);
    await expectSameAsDryRun(['create', 'rolebinding', 'rb1', '--role=r1', '--user=alice', '--serviceaccount=default:sa1', '--group=devs']);
    await expectSameAsDryRun(['create', 'clusterrolebinding', 'crb1', '--clusterrole=cr1', '--user=bob']);
  });

  test('services: IntOrString target ports and a node port', async () => {
    await expectSameAsDryRun(['create', 'service', 'clusterip', 'svc1', '--tcp=80:8080', '--tcp=443']);
    await expectSameAsDryRun(['create', 'service', 'nodeport', 'np1', '--tcp=80:http', '--node-port=30080']);
  });

  test('ingress rules flatten the embedded IngressRuleValue', async () => {
    await expectSameAsDryRun(
      ['create', 'ingress', 'ing1', '--rule=foo.com/bar*=svc1:8080,tls=secret1', '--rule=/=svc2:http', '--annotation=a=b'],
      (obj) => {
        const rule = (obj.spec as { rules: Array<Record<string, unknown>> }).rules[0];
        expect(rule.host).toBe('foo.com');
        expect(rule.http).toBeDefined();
        expect(rule.ingressRuleValue).toBeUndefined();
      },
    );
  });

  test('poddisruptionbudgets with percentage and integer IntOrString', async () => {
    await expectSameAsDryRun(['create', 'pdb', 'pdb1', '--selector=app=web', '--min-available=50%']);
    await expectSameAsDryRun(['create', 'pdb', 'pdb2', '--selector=app=web', '--max-unavailable=1']);
  });

  test('priorityclass and quota (Quantity map values)', async () => {
    await expectSameAsDryRun(['create', 'priorityclass', 'pc1', '--value=1000', '--description=high', '--preemption-policy=Never']);
    await expectSameAsDryRun(
      ['create', 'quota', 'q1', '--hard=cpu=1,memory=1Gi,pods=2', '--scopes=BestEffort'],
      (obj) => expect((obj.spec as { hard: unknown }).hard).toEqual({ cpu: '1', memory: '1Gi', pods: '2' }),
    );
  });

  test('autoscale sends an autoscaling/v2 HorizontalPodAutoscaler', async () => {
    await expectSameAsDryRun(['autoscale', 'deployment', 'web', '--min=1', '--max=3', '--cpu-percent=80']);
  });

  test('create token sends a TokenRequest', async () => {
    const request = await capture(['create', 'token', 'sa1', '--duration=10m', '--audience=api', '--audience=vault']);
    expect(request.url).toMatch(/^\/api\/v1\/namespaces\/default\/serviceaccounts\/sa1\/token/);
    const decoded = decodeKubernetesProtobuf(request.body);
    expect(decoded.object).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: {},
      spec: { audiences: ['api', 'vault'], expirationSeconds: 600 },
      // TokenRequestStatus.token has no omitempty, so Go prints it empty.
      status: { token: '' },
    });
  });

  test('auth can-i sends a SelfSubjectAccessReview', async () => {
    const request = await capture(['auth', 'can-i', 'list', 'deployments.apps', '--subresource=scale']);
    const decoded = decodeKubernetesProtobuf(request.body);
    expect(decoded.kind).toBe('SelfSubjectAccessReview');
    expect(decoded.object.spec).toEqual({
      resourceAttributes: { namespace: 'default', verb: 'list', group: 'apps', resource: 'deployments', subresource: 'scale' },
    });
  });

  test('auth whoami sends a SelfSubjectReview', async () => {
    const request = await capture(['auth', 'whoami']);
    expect(decodeKubernetesProtobuf(request.body).object).toMatchObject({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    });
  });
});
