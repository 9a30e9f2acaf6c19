import { Duplex, PassThrough, Readable } from 'node:stream';

/**
 * Docker multiplexes stdout and stderr of a container without a TTY into one stream of frames:
 * 8 header bytes (stream type, 3 zero bytes, big-endian length) then the payload.
 */
export function demux(source: NodeJS.ReadableStream, stdout: PassThrough, stderr: PassThrough | undefined, endOutputs = true): void {
  let pending: Buffer = Buffer.alloc(0);
  source.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 8) {
      const size = pending.readUInt32BE(4);
      if (pending.length < 8 + size) break;
      const payload = pending.subarray(8, 8 + size);
      const target = pending[0] === 2 && stderr ? stderr : stdout;
      if (pending[0] !== 0) target.write(payload);
      pending = pending.subarray(8 + size);
    }
  });
  const finish = () => {
    if (!endOutputs) return;
    stdout.end();
    stderr?.end();
  };
  source.on('end', finish);
  source.on('close', finish);
  source.on('error', finish);
}

/** Merges the demultiplexed streams into one, as `kubectl logs` shows them. */
export function mergedOutput(source: NodeJS.ReadableStream, tty: boolean): Readable {
  const out = new PassThrough();
  if (tty) {
    source.on('data', (c: Buffer) => out.write(c));
    const end = () => out.end();
    source.on('end', end);
    source.on('close', end);
    source.on('error', end);
  } else {
    demux(source, out, undefined);
  }
  out.on('close', () => (source as unknown as { destroy?: () => void }).destroy?.());
  return out;
}

/** A Duplex whose writes go to `writable` and whose reads come from `readable`. */
export function joinDuplex(readable: Readable, write: (chunk: Buffer, cb: (err?: Error | null) => void) => void, onFinal: () => void, onDestroy: () => void): Duplex {
  const d = new Duplex({
    read() {
      readable.resume();
    },
    write(chunk: Buffer, _enc, cb) {
      write(chunk, cb);
    },
    final(cb) {
      onFinal();
      cb();
    },
    destroy(err, cb) {
      onDestroy();
      cb(err);
    },
  });
  readable.on('data', (c: Buffer) => {
    if (!d.push(c)) readable.pause();
  });
  readable.on('end', () => d.push(null));
  readable.on('error', (err) => d.destroy(err));
  return d;
}
