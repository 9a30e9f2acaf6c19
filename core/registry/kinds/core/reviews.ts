import type { KubeObject } from '../../../api/types.js';
import type { KindBehavior } from '../behavior.js';

/**
 * Access reviews answer from the caller's identity. Skiff is a single-user cluster whose
 * admin holds system:masters, so every authenticated request is allowed, as on a fresh
 * cluster with an admin kubeconfig.
 */
function allow(obj: KubeObject): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, creationTimestamp: null }, status: { allowed: true, reason: 'Skiff grants the cluster admin every permission' } };
}

export const reviewBehaviors: Record<string, KindBehavior> = {
  'authorization.k8s.io/SelfSubjectAccessReview': { virtual: allow, nameRule: 'path-segment' },
  'authorization.k8s.io/SubjectAccessReview': { virtual: allow, nameRule: 'path-segment' },
  'authorization.k8s.io/LocalSubjectAccessReview': { virtual: allow, nameRule: 'path-segment' },
  'authorization.k8s.io/SelfSubjectRulesReview': {
    nameRule: 'path-segment',
    virtual: (obj) => ({
      ...obj,
      metadata: { ...obj.metadata, creationTimestamp: null },
      status: {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      },
    }),
  },
  'authentication.k8s.io/SelfSubjectReview': {
    nameRule: 'path-segment',
    virtual: (obj, ctx) => ({
      ...obj,
      metadata: { ...obj.metadata, creationTimestamp: null },
      status: { userInfo: { username: ctx.user.username, groups: ctx.user.groups, ...(ctx.user.uid ? { uid: ctx.user.uid } : {}) } },
    }),
  },
};
