import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
export const HASH_ANNOTATION = 'kubernetes.io/config.hash';
export const SOURCE_ANNOTATION = 'kubernetes.io/config.source';

export interface StaticPodSourceConfig {
  dir: string;
  nodeName: string;
  clock: Clock;
  logger: Logger;
  /** Rescans this often besides reacting to file events (which some platforms drop). */
  rescanMs?: number;
  onChange(): void;
}

export function isMirrorPod(pod: KubeObject): boolean {
  return !!pod.metadata.annotations?.[MIRROR_ANNOTATION];
}

/**
 * Pods from manifest files, as upstream's file source: each gets a UID derived from its
 * content, the node name appended to its name, and `kubernetes.io/config.*` annotations.
 * Editing a file makes a new pod (new UID); removing it removes the pod.
 */
export class StaticPodSource {
  private pods = new Map<string, KubeObject>();
  private watcher?: FSWatcher;
  private timer?: { cancel(): void };
  private stopped = false;

  constructor(private readonly config: StaticPodSourceConfig) {}

  get current(): Map<string, KubeObject> {
    return this.pods;
  }

  start(): void {
    mkdirSync(this.config.dir, { recursive: true });
    this.scan();
    try {
      this.watcher = watch(this.config.dir, () => this.scan());
      this.watcher.on('error', () => undefined);
    } catch {}
    const loop = () => {
      if (this.stopped) return;
      this.timer = this.config.clock.setTimeout(() => {
        this.scan();
        loop();
      }, this.config.rescanMs ?? 20_000);
    };
    loop();
  }

  stop(): void {
    this.stopped = true;
    this.watcher?.close();
    this.timer?.cancel();
  }

  scan(): void {
    const next = new Map<string, KubeObject>();
    if (existsSync(this.config.dir)) {
      for (const file of readdirSync(this.config.dir).sort()) {
        if (file.startsWith('.') || !/\.(ya?ml|json)$/i.test(file)) continue;
        const full = path.join(this.config.dir, file);
        try {
          const text = readFileSync(full, 'utf8');
          for (const doc of parseAllDocuments(text)) {
            const obj = doc.toJS() as KubeObject | null;
            if (!obj || obj.kind !== 'Pod') continue;
            const pod = this.toPod(obj, full);
            next.set(pod.metadata.uid!, pod);
          }
        } catch (err) {
          this.config.logger.warn('cannot read static pod manifest', { file: full, error: (err as Error).message });
        }
      }
    }
    const changed = next.size !== this.pods.size || [...next.keys()].some((k) => !this.pods.has(k));
    this.pods = next;
    if (changed) this.config.onChange();
  }

  private toPod(obj: KubeObject, file: string): KubeObject {
    const node = this.config.nodeName;
    const hash = createHash('md5').update(node).update(file).update(JSON.stringify(obj)).digest('hex');
    const namespace = obj.metadata?.namespace || 'default';
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...obj.metadata,
        name: `${obj.metadata?.name}-${node}`,
        namespace,
        uid: hash,
        annotations: { ...(obj.metadata?.annotations ?? {}), [HASH_ANNOTATION]: hash, [SOURCE_ANNOTATION]: 'file', 'kubernetes.io/config.seen': new Date(this.config.clock.now()).toISOString() },
      },
      spec: {
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        ...obj.spec,
        nodeName: node,
      },
      status: {},
    };
  }
}
