import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCluster, waitFor, type TestCluster } from '../testing/harness.js';
import { finishTerminatingPods } from '../testing/kubelet-double.js';
import { startReplicaSetController } from '../replicaset/replicaset-controller.js';
import { computeTemplateHash } from '../shared/hash.js';
import { startDeploymentController } from './deployment-controller.js';
import { deploymentKit, rolloutComplete } from './deployment-test-kit.js';

let t: TestCluster;
const k = deploymentKit(() => t);

beforeEach(async () => {
  t = await startTestCluster();
  finishTerminatingPods(t.client, t.informers);
  t.run(startReplicaSetController, startDeploymentController);
});
afterEach(() => t.stop());

describe('Deployment controller', () => {
  it('creates <name>-<pod-template-hash> with revision annotations and reaches kstatus Current', async () => {
    const d = await t.client.create(k.deployment('web', 3));
    const hash = computeTemplateHash(d.spec.template);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    const rs = await waitFor(() => t.client.find('apps/v1', 'ReplicaSet', 'default', `web-${hash}`));
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    await waitFor(() => k.podsOf(rs).length === 3);
    expect(k.podsOf(rs).every((p) => p.metadata.labels?.['pod-template-hash'] === hash)).toBe(true);
    await waitFor(() => k.get('web').status?.replicas === 3);
    const pending = k.get('web');
    expect(pending.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(k.condition(pending, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(k.condition(pending, 'Progressing')).toMatchObject({ status: 'True' });
    expect(rolloutComplete(pending)).toBe(false);
    await k.makeReady(k.podsOf(rs));
    await waitFor(() => k.condition(k.get('web'), 'Progressing')?.reason === 'NewReplicaSetAvailable');
    const done = k.get('web');
    expect(done.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(done.status.unavailableReplicas).toBeUndefined();
    expect(k.condition(done, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(k.condition(done, 'Progressing')).toMatchObject({ status: 'True', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
    expect(done.status.conditions.map((c: { type: string }) => c.type)).toEqual(['Available', 'Progressing']);
    expect(rolloutComplete(done)).toBe(true);
    await waitFor(() => k.events('ScalingReplicaSet').length === 1);
    expect(k.events('ScalingReplicaSet')).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
  });

  it('rolls out step by step within maxSurge and maxUnavailable', async () => {
    await t.client.create(k.deployment('web', 4, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
    await waitFor(() => k.allPods('web').length === 4);
    await k.makeReady(k.allPods('web'));
    await waitFor(() => rolloutComplete(k.get('web')));
    await k.setImage('web', 'nginx:2');
    const [oldRS] = k.replicaSets('web');
    const newRS = await waitFor(() => k.replicaSets('web')[1]);
    expect(newRS.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const steps: string[] = [];
    for (let i = 0; i < 20 && !rolloutComplete(k.get('web')); i++) {
      await t.settle();
      const sizes = k.replicaSets('web').map((rs) => rs.spec.replicas);
      steps.push(sizes.join('/'));
      // Never more than replicas + maxSurge pods, never fewer than replicas − maxUnavailable available.
      expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5);
      const available = k.allPods('web').filter((p) => p.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')).length;
      expect(available).toBeGreaterThanOrEqual(4);
      const cond = k.condition(k.get('web'), 'Progressing');
      if (!rolloutComplete(k.get('web'))) expect(cond?.reason === 'ReplicaSetUpdated' || cond?.reason === 'NewReplicaSetCreated').toBe(true);
      await k.makeReady(k.podsOf(t.client.get('apps/v1', 'ReplicaSet', 'default', newRS.metadata.name!)));
    }
    await waitFor(() => rolloutComplete(k.get('web')) && k.condition(k.get('web'), 'Progressing')?.reason === 'NewReplicaSetAvailable');
    expect(steps[0]).toBe('4/1');
    expect(steps).toContain('3/2');
    expect(k.replicaSets('web').map((rs) => rs.spec.replicas)).toEqual([0, 4]);
    expect(k.get('web').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(k.podsOf(oldRS)).toHaveLength(0);
    await waitFor(() => k.events('ScalingReplicaSet').includes(`Scaled down replica set ${oldRS.metadata.name} from 4 to 3`));
  });

  it('reuses the old ReplicaSet on rollback and bumps its revision', async () => {
    await t.client.create(k.deployment('web', 2));
    await waitFor(() => k.allPods('web').length === 2);
    await k.makeReady(k.allPods('web'));
    await waitFor(() => rolloutComplete(k.get('web')));
    const [v1] = k.replicaSets('web');
    await k.setImage('web', 'nginx:2');
    for (let i = 0; i < 10 && !rolloutComplete(k.get('web')); i++) {
      await t.settle();
      await k.makeReady(k.allPods('web'));
    }
    await waitFor(() => rolloutComplete(k.get('web')) && k.replicaSets('web').length === 2);
    // What `kubectl rollout undo` sends: the old ReplicaSet's template without its hash label.
    const template = structuredClone(v1.spec.template);
    delete template.metadata.labels['pod-template-hash'];
    await t.client.patch('apps/v1', 'Deployment', 'default', 'web', 'json', [{ op: 'replace', path: '/spec/template', value: template }]);
    await waitFor(() => k.get('web').metadata.annotations?.['deployment.kubernetes.io/revision'] === '3');
    for (let i = 0; i < 10 && !rolloutComplete(k.get('web')); i++) {
      await t.settle();
      await k.makeReady(k.allPods('web'));
    }
    await waitFor(() => rolloutComplete(k.get('web')));
    const after = k.replicaSets('web');
    expect(after).toHaveLength(2);
    const reused = after.find((rs) => rs.metadata.uid === v1.metadata.uid)!;
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(reused.spec.replicas).toBe(2);
  });

  it('Recreate scales the old ReplicaSet to zero before creating the new one', async () => {
    await t.client.create(k.deployment('web', 2, { strategy: { type: 'Recreate' } }));
    await waitFor(() => k.allPods('web').length === 2);
    await k.makeReady(k.allPods('web'));
    await waitFor(() => rolloutComplete(k.get('web')));
    expect(k.condition(k.get('web'), 'Available')?.status).toBe('True');
    await k.setImage('web', 'nginx:2');
    await waitFor(() => k.replicaSets('web').length === 2);
    const [oldRS, newRS] = k.replicaSets('web');
    expect(oldRS.spec.replicas).toBe(0);
    expect(k.podsOf(oldRS)).toHaveLength(0);
    await waitFor(() => k.podsOf(newRS).length === 2);
    await k.makeReady(k.podsOf(newRS));
    await waitFor(() => rolloutComplete(k.get('web')));
    await waitFor(() => k.events('ScalingReplicaSet').length === 3);
    const msgs = k.events('ScalingReplicaSet');
    expect(msgs.indexOf(`Scaled down replica set ${oldRS.metadata.name} from 2 to 0`)).toBeLessThan(msgs.indexOf(`Scaled up replica set ${newRS.metadata.name} from 0 to 2`));
  });

  it('pauses, resumes and restarts', async () => {
    await t.client.create(k.deployment('web', 1));
    await waitFor(() => k.allPods('web').length === 1);
    await k.makeReady(k.allPods('web'));
    await waitFor(() => rolloutComplete(k.get('web')));
    await t.client.patch('apps/v1', 'Deployment', 'default', 'web', 'merge', { spec: { paused: true } });
    await waitFor(() => k.condition(k.get('web'), 'Progressing')?.reason === 'DeploymentPaused');
    expect(k.condition(k.get('web'), 'Progressing')).toMatchObject({ status: 'Unknown', message: 'Deployment is paused' });
    await k.setImage('web', 'nginx:2');
    await t.settle();
    expect(k.replicaSets('web')).toHaveLength(1);
    expect(k.get('web').status.observedGeneration).toBe(3);
    await t.client.patch('apps/v1', 'Deployment', 'default', 'web', 'merge', { spec: { paused: false } });
    await waitFor(() => k.replicaSets('web').length === 2);
    const newest = k.replicaSets('web')[1].metadata.name;
    await waitFor(() => k.events('ScalingReplicaSet').includes(`Scaled up replica set ${newest} from 0 to 1`));
    for (let i = 0; i < 10 && !rolloutComplete(k.get('web')); i++) {
      await t.settle();
      await k.makeReady(k.allPods('web'));
    }
    await waitFor(() => rolloutComplete(k.get('web')));
    // `kubectl rollout restart` stamps the template, which makes a new ReplicaSet.
    await t.client.patch('apps/v1', 'Deployment', 'default', 'web', 'strategic', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-15T10:00:00Z' } } } } });
    await waitFor(() => k.replicaSets('web').length === 3);
    await waitFor(() => k.get('web').metadata.annotations?.['deployment.kubernetes.io/revision'] === '3');
  });

  it('scales the current ReplicaSet and keeps only revisionHistoryLimit old ones', async () => {
    await t.client.create(k.deployment('web', 1, { revisionHistoryLimit: 1 }));
    for (const image of ['nginx:2', 'nginx:3', 'nginx:4']) {
      await waitFor(() => k.allPods('web').length >= 1);
      for (let i = 0; i < 10 && !rolloutComplete(k.get('web')); i++) {
        await t.settle();
        await k.makeReady(k.allPods('web'));
      }
      await waitFor(() => rolloutComplete(k.get('web')));
      await k.setImage('web', image);
    }
    for (let i = 0; i < 10 && !rolloutComplete(k.get('web')); i++) {
      await t.settle();
      await k.makeReady(k.allPods('web'));
    }
    await waitFor(() => rolloutComplete(k.get('web')) && k.replicaSets('web').length === 2);
    expect(k.replicaSets('web').map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'])).toEqual(['3', '4']);
    await t.client.patch('apps/v1', 'Deployment', 'default', 'web', 'merge', { spec: { replicas: 3 } }, { subresource: 'scale' });
    const current = k.replicaSets('web')[1];
    await waitFor(() => t.client.get('apps/v1', 'ReplicaSet', 'default', current.metadata.name!).spec.replicas === 3);
    await waitFor(() => k.events('ScalingReplicaSet').includes(`Scaled up replica set ${current.metadata.name} from 1 to 3`));
    await waitFor(() => k.get('web').status?.replicas === 3);
  });
});
