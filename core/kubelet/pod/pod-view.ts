import { attemptOf, isSandbox, LABEL_CONTAINER_NAME, LABEL_POD_UID, MANAGED } from '../runtime/labels.js';
import type { ContainerDetails, ContainerRuntime } from '../runtime/types.js';

/** What the runtime has for one pod, newest first. */
export interface PodView {
  sandboxes: ContainerDetails[];
  containers: Map<string, ContainerDetails[]>;
}

export function latestOf(view: PodView, name: string): ContainerDetails | undefined {
  return view.containers.get(name)?.[0];
}

export function previousOf(view: PodView, name: string): ContainerDetails | undefined {
  return view.containers.get(name)?.[1];
}

/**
 * Reads a pod's containers from the runtime. An exited container never changes, so its
 * inspection is cached by ID; running ones are inspected each time.
 */
export class PodViewReader {
  private readonly exited = new Map<string, ContainerDetails>();

  constructor(private readonly runtime: ContainerRuntime) {}

  async read(uid: string): Promise<PodView> {
    const list = await this.runtime.listContainers({ ...MANAGED, [LABEL_POD_UID]: uid });
    const details: ContainerDetails[] = [];
    for (const c of list) {
      let d = this.exited.get(c.id);
      if (!d) {
        d = await this.runtime.inspectContainer(c.id);
        if (!d) continue;
        if (d.state === 'exited') this.exited.set(c.id, d);
      }
      details.push(d);
    }
    const byNewest = (a: ContainerDetails, b: ContainerDetails) => attemptOf(b) - attemptOf(a) || b.createdAt - a.createdAt;
    const view: PodView = { sandboxes: details.filter(isSandbox).sort(byNewest), containers: new Map() };
    for (const d of details.filter((x) => !isSandbox(x)).sort(byNewest)) {
      const name = d.labels[LABEL_CONTAINER_NAME]!;
      const arr = view.containers.get(name) ?? [];
      arr.push(d);
      view.containers.set(name, arr);
    }
    return view;
  }

  forget(ids: Iterable<string>): void {
    for (const id of ids) this.exited.delete(id);
  }
}
