import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../util/clock.js';
import type { ContainerRuntime } from '../runtime/types.js';
import { LABEL_NODE, LABEL_POD_UID, MANAGED } from '../runtime/labels.js';
import { writeAtomic } from './atomic-writer.js';
import { downwardFiles, keyedFiles, MountError, projectedFiles, type ProjectionContext, type TokenSource } from './projections.js';
import type { NodeFacts } from '../pod/field-ref.js';
import type { ObjectLookup } from '../pod/env.js';

/** Where a volume's content is for a container's mounts: a host directory or a runtime volume. */
export type VolumeSource = { hostPath: string } | { runtimeVolume: string };

export interface VolumeManagerConfig {
  dataDir: string;
  nodeName: string;
  runtime: ContainerRuntime;
  clock: Clock;
  lookup: ObjectLookup & {
    persistentVolumeClaim(namespace: string, name: string): KubeObject | undefined;
    persistentVolume(name: string): KubeObject | undefined;
  };
  tokens: TokenSource;
  caCert: string;
}

/**
 * Materialises a pod's volumes under `<dataDir>/pods/<uid>/volumes/<plugin>/<name>`, where
 * containers bind-mount them. Level-triggered: every sync writes what the objects say now, so
 * an updated Secret reaches its files on the next sync (the atomic writer skips unchanged ones).
 */
export class VolumeManager {
  constructor(private readonly config: VolumeManagerConfig) {}

  podDir(uid: string): string {
    return path.join(this.config.dataDir, 'pods', uid);
  }

  async setUp(pod: KubeObject, podIP: string, node: NodeFacts): Promise<Map<string, VolumeSource>> {
    const uid = pod.metadata.uid!;
    const out = new Map<string, VolumeSource>();
    const ctx: ProjectionContext = { pod, podIP, node, lookup: this.config.lookup, tokens: this.config.tokens, caCert: this.config.caCert };
    for (const v of pod.spec?.volumes ?? []) {
      try {
        out.set(v.name, await this.setUpOne(uid, v, ctx));
      } catch (err) {
        if (err instanceof MountError) throw new MountError(`MountVolume.SetUp failed for volume "${v.name}" : ${err.message}`);
        throw new MountError(`MountVolume.SetUp failed for volume "${v.name}" : ${(err as Error).message}`);
      }
    }
    return out;
  }

  private dir(uid: string, plugin: string, name: string): string {
    return path.join(this.podDir(uid), 'volumes', `kubernetes.io~${plugin}`, name);
  }

  private async setUpOne(uid: string, v: any, ctx: ProjectionContext): Promise<VolumeSource> {
    const now = this.config.clock.now();
    if (v.emptyDir) {
      if (v.emptyDir.medium === 'Memory') {
        const name = runtimeVolumeName(uid, v.name);
        const existing = await this.config.runtime.listVolumes({ ...MANAGED, [LABEL_POD_UID]: uid });
        if (!existing.includes(name)) await this.config.runtime.createVolume(name, { tmpfs: true, labels: { ...MANAGED, [LABEL_POD_UID]: uid, [LABEL_NODE]: this.config.nodeName } });
        return { runtimeVolume: name };
      }
      const dir = this.dir(uid, 'empty-dir', v.name);
      if (!existsSync(dir)) {
        mkdirSync(dir, { recursive: true });
        // Any user in any container of the pod may write there, as upstream's emptyDir allows.
        chmodSync(dir, 0o777);
      }
      return { hostPath: dir };
    }
    if (v.configMap || v.secret || v.downwardAPI) {
      const plugin = v.configMap ? 'configmap' : v.secret ? 'secret' : 'downward-api';
      const src = v.configMap ?? v.secret ?? v.downwardAPI;
      const files = new Map();
      if (v.downwardAPI) downwardFiles(ctx, src.items, src.defaultMode ?? 0o644, files);
      else keyedFiles(ctx, v.configMap ? 'configMap' : 'secret', src, src.defaultMode ?? 0o644, files);
      const dir = this.dir(uid, plugin, v.name);
      writeAtomic(dir, files, now);
      return { hostPath: dir };
    }
    if (v.projected) {
      const dir = this.dir(uid, 'projected', v.name);
      writeAtomic(dir, await projectedFiles(ctx, v.projected), now);
      return { hostPath: dir };
    }
    if (v.hostPath) return { hostPath: prepareHostPath(v.hostPath.path, v.hostPath.type ?? '') };
    if (v.persistentVolumeClaim) return this.claim(ctx.pod, v.persistentVolumeClaim.claimName);
    throw new MountError(`volume type is not supported by Skiff's kubelet: ${Object.keys(v).filter((k) => k !== 'name').join(', ')}`);
  }

  private claim(pod: KubeObject, claimName: string): VolumeSource {
    const ns = pod.metadata.namespace ?? 'default';
    const pvc = this.config.lookup.persistentVolumeClaim(ns, claimName);
    if (!pvc) throw new MountError(`persistentvolumeclaim "${claimName}" not found`);
    const pvName = pvc.spec?.volumeName;
    if (!pvName || pvc.status?.phase === 'Pending') throw new MountError(`persistentvolumeclaim "${claimName}" is not bound`);
    const pv = this.config.lookup.persistentVolume(pvName);
    if (!pv) throw new MountError(`persistentvolume "${pvName}" not found`);
    const hp = pv.spec?.hostPath ?? pv.spec?.local;
    if (!hp?.path) throw new MountError(`persistentvolume "${pvName}" is not a hostPath or local volume`);
    // Provisioners hand out directories that may not exist yet.
    return { hostPath: prepareHostPath(hp.path, pv.spec?.hostPath?.type || 'DirectoryOrCreate') };
  }

  /** Removes everything the pod had on disk and in the runtime. */
  async tearDown(uid: string): Promise<void> {
    for (const name of await this.config.runtime.listVolumes({ ...MANAGED, [LABEL_POD_UID]: uid })) await this.config.runtime.removeVolume(name);
    rmSync(this.podDir(uid), { recursive: true, force: true });
  }
}

export function runtimeVolumeName(uid: string, volume: string): string {
  return `skiff-${uid}-${volume}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

function prepareHostPath(p: string, type: string): string {
  const exists = existsSync(p);
  switch (type) {
    case 'DirectoryOrCreate':
      if (!exists) mkdirSync(p, { recursive: true, mode: 0o755 });
      break;
    case 'FileOrCreate':
      if (!exists) {
        mkdirSync(path.dirname(p), { recursive: true });
        writeFileSync(p, '', { mode: 0o644 });
      }
      break;
    case 'Directory':
      if (!exists || !statSync(p).isDirectory()) throw new MountError(`hostPath type check failed: ${p} is not a directory`);
      break;
    case 'File':
      if (!exists || !statSync(p).isFile()) throw new MountError(`hostPath type check failed: ${p} is not a file`);
      break;
    case 'Socket':
    case 'CharDevice':
    case 'BlockDevice':
      if (!exists) throw new MountError(`hostPath type check failed: ${p} does not exist`);
      break;
  }
  return p;
}
