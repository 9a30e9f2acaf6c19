import type { ContainerRuntime } from '../runtime/types.js';

const MAX_LINES = 80;
const MAX_BYTES = 2048;

/** `FallbackToLogsOnError`: the tail of the container's log, bounded as upstream bounds it. */
export async function terminationMessage(runtime: ContainerRuntime, id: string): Promise<string> {
  try {
    const stream = await runtime.logs(id, { follow: false, timestamps: false, tail: MAX_LINES });
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(Buffer.from(c));
    const all = Buffer.concat(chunks);
    return all.subarray(Math.max(0, all.length - MAX_BYTES)).toString('utf8');
  } catch {
    return '';
  }
}
