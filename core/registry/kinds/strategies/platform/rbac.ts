import type { KubeObject } from '../../../../api/types.js';
import type { KindBehavior } from '../../behavior.js';
import { nameProblems } from '../../../validation/names.js';
import { invalid, isObject, listOf, notSupported, required, semanticEqual, type Errors } from '../common/field.js';
import { dnsSubdomain } from '../common/names.js';
import { validateLabelSelector } from '../common/selector.js';

// Roles, ClusterRoles and their bindings: rule shape, subject kinds and the immutable roleRef.

type Obj = Record<string, any>;

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validateRules(rules: Obj[], namespaced: boolean): Errors {
  const errs: Errors = [];
  for (const [i, r] of rules.entries()) {
    const f = `rules[${i}]`;
    if (!listOf(r.verbs).length) errs.push(required(`${f}.verbs`, 'verbs must contain at least one value'));
    if (listOf(r.nonResourceURLs).length) {
      if (namespaced) errs.push(invalid(`${f}.nonResourceURLs`, r.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
      if (listOf(r.apiGroups).length || listOf(r.resources).length || listOf(r.resourceNames).length)
        errs.push(invalid(`${f}.nonResourceURLs`, r.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
      continue;
    }
    if (!listOf(r.apiGroups).length) errs.push(required(`${f}.apiGroups`, 'resource rules must supply at least one api group'));
    if (!listOf(r.resources).length) errs.push(required(`${f}.resources`, 'resource rules must supply at least one resource'));
  }
  return errs;
}

function roleBehavior(namespaced: boolean): KindBehavior {
  return {
    strategy: {
      validate(obj) {
        const errs = validateRules(listOf(obj.rules), namespaced);
        if (!namespaced && isObject(obj.aggregationRule)) {
          const selectors = listOf(obj.aggregationRule.clusterRoleSelectors);
          if (!selectors.length) errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
          for (const [i, s] of selectors.entries()) errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`));
        }
        return errs;
      },
    },
  };
}

function bindingDefaults(obj: KubeObject): void {
  if (isObject(obj.roleRef)) obj.roleRef.apiGroup ||= RBAC_GROUP;
  for (const s of listOf(obj.subjects)) if (isObject(s) && !s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
}

function validateBinding(obj: KubeObject, namespaced: boolean): Errors {
  const ref = isObject(obj.roleRef) ? obj.roleRef : {};
  const errs: Errors = [];
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  else for (const p of nameProblems(String(ref.name), 'path-segment')) errs.push(invalid('roleRef.name', ref.name, p));
  for (const [i, s] of listOf(obj.subjects).entries()) {
    const f = `subjects[${i}]`;
    if (!s.name) errs.push(required(`${f}.name`));
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.name) errs.push(...dnsSubdomain(`${f}.name`, String(s.name)));
        if (s.apiGroup) errs.push(notSupported(`${f}.apiGroup`, s.apiGroup, ['']));
        if (!namespaced && !s.namespace) errs.push(required(`${f}.namespace`));
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(`${f}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
        break;
      default:
        errs.push(notSupported(`${f}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  }
  return errs;
}

function bindingBehavior(namespaced: boolean): KindBehavior {
  return {
    strategy: {
      defaults: bindingDefaults,
      validate: (obj) => validateBinding(obj, namespaced),
      // Changing what a binding grants would silently re-point every subject; upstream refuses it.
      validateUpdate: (obj, old) => (semanticEqual(obj.roleRef, old.roleRef) ? [] : [invalid('roleRef', obj.roleRef, 'cannot change roleRef')]),
    },
  };
}

export const rbacBehaviors = {
  'rbac.authorization.k8s.io/Role': roleBehavior(true),
  'rbac.authorization.k8s.io/ClusterRole': roleBehavior(false),
  'rbac.authorization.k8s.io/RoleBinding': bindingBehavior(true),
  'rbac.authorization.k8s.io/ClusterRoleBinding': bindingBehavior(false),
};
