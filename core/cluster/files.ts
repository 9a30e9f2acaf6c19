import { closeSync, fsyncSync, openSync, renameSync, writeSync, chmodSync, unlinkSync } from 'node:fs';
import path from 'node:path';

/** Write to a temp file in the same folder, fsync, rename: readers never see half a file. */
export function writeFileAtomic(file: string, data: string, mode: number): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw err;
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* closed above */
    }
  }
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}
