import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { dockerConnection } from '../runtime/docker-connection.js';

/** A busybox image built locally FROM scratch: tests never pull from a registry. */
export const TEST_IMAGE = 'skiff-test/kubelet-busybox:2';
/** The test image as a pause container: busybox's default shell would exit at once. */
export const TEST_PAUSE_COMMAND = ['sleep', '2147483647'];

const BUSYBOX_CANDIDATES = ['/usr/bin/busybox', '/bin/busybox', '/usr/lib/busybox/busybox'];

export function docker(): Docker {
  return new Docker(dockerConnection(process.env.DOCKER_HOST));
}

/** Whether a daemon answers; the reason when it does not. */
export async function dockerStatus(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await docker().ping();
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

/** Builds TEST_IMAGE (or `tag`) from the host's static busybox unless it is there already. */
export async function ensureTestImage(tag = TEST_IMAGE): Promise<string> {
  const d = docker();
  try {
    await d.getImage(tag).inspect();
    return tag;
  } catch {}
  const busybox = BUSYBOX_CANDIDATES.find((p) => existsSync(p));
  if (!busybox) throw new Error('building the test image needs a static busybox (Debian: apt-get install busybox-static)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skiff-image-'));
  try {
    copyFileSync(busybox, path.join(dir, 'busybox'));
    writeFileSync(path.join(dir, 'Dockerfile'), ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox","--install","-s","/bin"]', 'RUN mkdir -p /tmp /var/tmp /root /home && chmod 1777 /tmp /var/tmp', 'CMD ["/bin/sh"]', ''].join('\n'));
    const stream = await d.buildImage({ context: dir, src: ['Dockerfile', 'busybox'] }, { t: tag, rm: true, forcerm: true });
    await new Promise<void>((resolve, reject) =>
      d.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
        const failed = out?.find((o) => o.error);
        if (err || failed) reject(err ?? new Error(failed!.error));
        else resolve();
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return tag;
}

/** Removes every container and volume a test kubelet made for `nodeName`, whatever state the test left. */
export async function removeNodeContainers(nodeName: string): Promise<void> {
  const d = docker();
  const filters = { label: ['skiff.managed=true', `skiff.node=${nodeName}`] };
  const list = await d.listContainers({ all: true, filters });
  await Promise.all(list.map((c) => d.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  const vols = await d.listVolumes({ filters });
  await Promise.all((vols.Volumes ?? []).map((v) => d.getVolume(v.Name).remove({ force: true }).catch(() => undefined)));
}
