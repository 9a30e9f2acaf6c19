import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSkiff, type SkiffProcess } from '../../support/skiff.js';

let skiff: SkiffProcess;
let k: SkiffProcess['kubectl'];
let dir: string;

const deployment = (extra: { replicas?: number; image: string; env?: boolean; annotation?: boolean }) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app: api}
${extra.annotation ? '  annotations:\n    team: core\n' : ''}spec:
${extra.replicas !== undefined ? `  replicas: ${extra.replicas}\n` : ''}  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ${extra.image}
${extra.env ? '        env:\n        - name: MODE\n          value: fast\n' : ''}`;

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

beforeAll(async () => {
  skiff = await startSkiff();
  k = skiff.kubectl;
  dir = skiff.workDir;
});
afterAll(async () => {
  await skiff?.dispose();
});

describe('apply, edit, patch and friends', () => {
  it('client-side apply merges three ways: changed fields change, removed fields go, others stay', async () => {
    expect(await k.ok(['apply', '-f', file('v1.yaml', deployment({ replicas: 2, image: 'img:1', env: true, annotation: true }))])).toMatch(/deployment.apps\/api created/);
    // A change made by someone else, which apply must keep.
    await k.ok(['label', 'deployment', 'api', 'owner=ops']);
    expect(await k.ok(['apply', '-f', file('v1.yaml', deployment({ replicas: 2, image: 'img:1', env: true, annotation: true }))])).toMatch(/deployment.apps\/api unchanged/);
    expect(await k.ok(['apply', '-f', file('v2.yaml', deployment({ replicas: 3, image: 'img:2' }))])).toMatch(/deployment.apps\/api configured/);
    const d = await k.json(['get', 'deploy', 'api']);
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0].image).toBe('img:2');
    expect(d.spec.template.spec.containers[0].env).toBeUndefined();
    expect(d.metadata.annotations.team).toBeUndefined();
    expect(d.metadata.labels.owner).toBe('ops');
    expect(d.metadata.generation).toBe(2);
  });

  it('diff shows a pending change and nothing for an applied one', async () => {
    const same = await k.run(['diff', '-f', path.join(dir, 'v2.yaml')]);
    expect(same.code).toBe(0);
    const changed = await k.run(['diff', '-f', file('v3.yaml', deployment({ replicas: 3, image: 'img:3' }))]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/-\s+- image: img:2|-\s+image: img:2/);
    expect(changed.stdout).toMatch(/\+\s+image: img:3|\+\s+- image: img:3/);
  });

  it('server-side apply reports a conflict and takes ownership with --force-conflicts', async () => {
    const ssa = file('ssa.yaml', deployment({ replicas: 5, image: 'img:2' }));
    // A second applier: kubectl's own manager would take over its client-side fields, as upstream migrates them.
    const err = await k.fails(['apply', '--server-side', '--field-manager=team-b', '-f', ssa]);
    expect(err).toMatch(/Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps\/v1: \.spec\.replicas/);
    expect(await k.ok(['apply', '--server-side', '--field-manager=team-b', '--force-conflicts', '-f', ssa])).toMatch(/deployment.apps\/api serverside-applied/);
    const d = await k.json(['get', 'deploy', 'api', '--show-managed-fields']);
    expect(d.spec.replicas).toBe(5);
    expect(d.metadata.managedFields.some((m: { manager: string; operation: string }) => m.manager === 'team-b' && m.operation === 'Apply')).toBe(true);
  });

  it('server-side apply creates and is idempotent', async () => {
    const cm = file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa-cm\ndata:\n  a: "1"\n');
    expect(await k.ok(['apply', '--server-side', '-f', cm])).toMatch(/configmap\/ssa-cm serverside-applied/);
    const rv = (await k.json(['get', 'cm', 'ssa-cm'])).metadata.resourceVersion;
    await k.ok(['apply', '--server-side', '-f', cm]);
    expect((await k.json(['get', 'cm', 'ssa-cm'])).metadata.resourceVersion).toBe(rv);
  });

  it('edits through $EDITOR', async () => {
    const editor = file('editor.sh', '#!/bin/sh\nsed -i "s/image: img:2/image: img:edited/" "$1"\n');
    chmodSync(editor, 0o755);
    expect(await k.ok(['edit', 'deployment', 'api'], { env: { EDITOR: editor, KUBE_EDITOR: editor } })).toMatch(/deployment.apps\/api edited/);
    expect(await k.ok(['get', 'deploy', 'api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('img:edited');
  });

  it('replaces an object as a whole', async () => {
    const d = await k.json(['get', 'deploy', 'api']);
    d.spec.template.spec.containers[0].image = 'img:replaced';
    expect(await k.ok(['replace', '-f', file('replace.json', JSON.stringify(d))])).toMatch(/deployment.apps\/api replaced/);
    expect(await k.ok(['get', 'deploy', 'api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('img:replaced');
  });

  it('patches with strategic merge, JSON merge and JSON patch', async () => {
    await k.ok(['patch', 'deployment', 'api', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"api","env":[{"name":"A","value":"1"}]}]}}}}']);
    let d = await k.json(['get', 'deploy', 'api']);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'api', image: 'img:replaced', env: [{ name: 'A', value: '1' }] });
    await k.ok(['patch', 'deployment', 'api', '--type=merge', '-p', '{"metadata":{"annotations":{"merged":"yes"}}}']);
    await k.ok(['patch', 'deployment', 'api', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":1}]']);
    d = await k.json(['get', 'deploy', 'api']);
    expect(d.metadata.annotations.merged).toBe('yes');
    expect(d.spec.replicas).toBe(1);
    expect(await k.fails(['patch', 'deployment', 'api', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":9}]'])).toMatch(/The request is invalid/);
  });

  it('labels, annotates and scales', async () => {
    await k.ok(['label', 'deployment', 'api', 'tier=backend']);
    await k.ok(['annotate', 'deployment', 'api', 'note=hello']);
    expect(await k.ok(['scale', 'deployment', 'api', '--replicas=4'])).toMatch(/deployment.apps\/api scaled/);
    const d = await k.json(['get', 'deploy', 'api']);
    expect(d.metadata.labels.tier).toBe('backend');
    expect(d.metadata.annotations.note).toBe('hello');
    expect(d.spec.replicas).toBe(4);
    await k.ok(['label', 'deployment', 'api', 'tier-']);
    expect((await k.json(['get', 'deploy', 'api'])).metadata.labels.tier).toBeUndefined();
  });

  it('refuses unknown fields under strict validation', async () => {
    const bad = file('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\nbogusField: 1\n');
    expect(await k.fails(['apply', '-f', bad])).toMatch(/strict decoding error: unknown field "bogusField"/);
    expect(await k.ok(['apply', '--validate=false', '-f', bad])).toMatch(/configmap\/bad created/);
  });
});
