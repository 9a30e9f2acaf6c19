import type { KubeObject } from '../../api/types.js';
import type { Store } from '../../store/index.js';
import { rfc3339 } from '../../util/clock.js';
import { cloneJson } from '../../util/freeze.js';
import type { Logger } from '../../util/logger.js';
import { SYSTEM_USER, type RequestContext } from '../context.js';
import type { KindBehavior } from '../kinds/behavior.js';
import { prefixFor } from '../keys.js';
import type { ObjectAPI } from '../object-api.js';
import type { Registry } from '../registry.js';
import { crdDescriptors } from './crd-descriptors.js';

export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const CRD = { group: 'apiextensions.k8s.io', plural: 'customresourcedefinitions', namespaced: false };

/** Deleting a CRD first deletes its custom resources; the finalizer holds it until then. */
export const crdBehavior: KindBehavior = {
  beforeDelete(draft) {
    draft.metadata.finalizers = [...new Set([...(draft.metadata.finalizers ?? []), CLEANUP_FINALIZER])];
    return false;
  },
};

function condition(type: string, reason: string, message: string, now: string) {
  return { type, status: 'True', lastTransitionTime: now, reason, message };
}

/**
 * Serves custom resources: the registry follows the CRDs in the store as they commit, so a
 * kind is in discovery and OpenAPI the moment its CRD is accepted.
 */
export class CrdSync {
  private stopWatch?: () => void;
  private readonly served = new Map<string, { group: string; plural: string }>();

  constructor(
    private readonly cfg: { store: Store; registry: Registry; objects: ObjectAPI; logger: Logger; now: () => number },
  ) {}

  private ctx(): RequestContext {
    return { user: SYSTEM_USER, dryRun: false, fieldValidation: 'Ignore', warnings: [], clock: { now: this.cfg.now, setTimeout: (fn, ms) => { const t = setTimeout(fn, ms); return { cancel: () => clearTimeout(t) }; } }, fieldManager: 'apiextensions-apiserver' };
  }

  start(): void {
    const { store } = this.cfg;
    const prefix = prefixFor(CRD);
    for (const v of store.list(prefix).items) this.sync(v.object);
    const handle = store.watch(prefix, store.revision(), (e) => {
      if (e.type === 'DELETED') this.unserve(e.value.object);
      else this.sync(e.value.object);
    });
    this.stopWatch = () => handle.stop();
  }

  stop(): void {
    this.stopWatch?.();
  }

  private sync(crd: KubeObject): void {
    const name = crd.metadata.name!;
    const { descriptors, versions } = crdDescriptors(crd);
    const group = crd.spec?.group;
    const plural = crd.spec?.names?.plural;
    if (!group || !plural || !descriptors.length) return;
    const prev = this.served.get(name);
    if (prev && (prev.group !== group || prev.plural !== plural)) this.cfg.registry.replaceGroupResources(prev.group, prev.plural, [], []);
    this.served.set(name, { group, plural });
    this.cfg.registry.replaceGroupResources(group, plural, descriptors, versions);
    if (crd.metadata.deletionTimestamp) {
      if ((crd.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) void this.cleanup(crd).catch((err) => this.cfg.logger.warn('CRD cleanup failed', { crd: name, error: String(err) }));
      return;
    }
    const established = (crd.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True');
    const storedVersion = (crd.spec.versions ?? []).find((v: { storage?: boolean }) => v.storage)?.name;
    const needsStatus = !established || JSON.stringify(crd.status?.acceptedNames) !== JSON.stringify(this.acceptedNames(crd)) || (storedVersion && !(crd.status?.storedVersions ?? []).includes(storedVersion));
    if (needsStatus) void this.writeStatus(name).catch((err) => this.cfg.logger.warn('CRD status update failed', { crd: name, error: String(err) }));
  }

  private acceptedNames(crd: KubeObject) {
    const n = crd.spec.names ?? {};
    return { plural: n.plural, singular: n.singular ?? String(n.kind).toLowerCase(), ...(n.shortNames ? { shortNames: n.shortNames } : {}), kind: n.kind, listKind: n.listKind ?? `${n.kind}List`, ...(n.categories ? { categories: n.categories } : {}) };
  }

  private async writeStatus(name: string): Promise<void> {
    const d = this.cfg.registry.lookup('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!;
    const cur = this.cfg.objects.getStored(d, undefined, name);
    if (!cur || cur.object.metadata.deletionTimestamp) return;
    const crd = cloneJson(cur.object);
    const now = rfc3339(this.cfg.now());
    const storedVersion = (crd.spec.versions ?? []).find((v: { storage?: boolean }) => v.storage)?.name;
    crd.status = {
      conditions: [condition('NamesAccepted', 'NoConflicts', 'no conflicts found', now), condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted', now)],
      acceptedNames: this.acceptedNames(crd),
      storedVersions: [...new Set([...(crd.status?.storedVersions ?? []), ...(storedVersion ? [storedVersion] : [])])],
    };
    await this.cfg.objects.update(d, undefined, name, crd, this.ctx(), 'status');
  }

  private async cleanup(crd: KubeObject): Promise<void> {
    const group = crd.spec.group;
    const plural = crd.spec.names.plural;
    const d = this.cfg.registry.preferred(group, plural);
    if (d) {
      for (const item of this.cfg.objects.list(d, undefined).items) {
        if (item.object.metadata.deletionTimestamp) continue;
        await this.cfg.objects.delete(d, item.object.metadata.namespace, item.object.metadata.name!, {}, this.ctx()).catch(() => undefined);
      }
      if (this.cfg.objects.list(d, undefined).items.length) {
        setTimeout(() => this.sync(this.cfg.store.get(`/apiextensions.k8s.io/customresourcedefinitions/${crd.metadata.name}`)?.object ?? crd), 500).unref();
        return;
      }
    }
    const crdDesc = this.cfg.registry.lookup('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!;
    const cur = this.cfg.objects.getStored(crdDesc, undefined, crd.metadata.name!);
    if (!cur) return;
    const next = cloneJson(cur.object);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f: string) => f !== CLEANUP_FINALIZER);
    await this.cfg.objects.update(crdDesc, undefined, crd.metadata.name!, next, this.ctx());
  }

  private unserve(crd: KubeObject): void {
    const prev = this.served.get(crd.metadata.name!);
    if (!prev) return;
    this.served.delete(crd.metadata.name!);
    this.cfg.registry.replaceGroupResources(prev.group, prev.plural, [], []);
  }
}
