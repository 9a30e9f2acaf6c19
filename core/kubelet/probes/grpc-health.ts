import http2 from 'node:http2';
import type { Duplex } from 'node:stream';

const STATUS_NAMES = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

/**
 * One call of grpc.health.v1.Health/Check over HTTP/2, hand-encoded: the request is a single
 * string field (service = 1) and the answer a single enum field (status = 1).
 */
export function grpcHealthCheck(socket: Duplex, authority: string, service: string, timeoutMs: number): Promise<{ ok: boolean; message: string }> {
  return new Promise((resolve) => {
    const svc = Buffer.from(service, 'utf8');
    const msg = svc.length ? Buffer.concat([Buffer.from([0x0a]), varint(svc.length), svc]) : Buffer.alloc(0);
    const frame = Buffer.alloc(5 + msg.length);
    frame.writeUInt32BE(msg.length, 1);
    msg.copy(frame, 5);
    let settled = false;
    const session = http2.connect(`http://${authority}`, { createConnection: () => socket as any });
    const finish = (ok: boolean, message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.destroy();
      resolve({ ok, message });
    };
    const timer = setTimeout(() => finish(false, `timeout: health rpc did not complete within ${Math.round(timeoutMs / 1000)}s`), timeoutMs);
    session.on('error', (err) => finish(false, `failed to connect service "${authority}": ${err.message}`));
    const req = session.request({ ':method': 'POST', ':path': '/grpc.health.v1.Health/Check', 'content-type': 'application/grpc', te: 'trailers' });
    const chunks: Buffer[] = [];
    let grpcStatus: string | undefined;
    let grpcMessage = '';
    req.on('response', (h) => {
      if (h['grpc-status'] !== undefined) grpcStatus = String(h['grpc-status']);
    });
    req.on('trailers', (h) => {
      grpcStatus = String(h['grpc-status'] ?? grpcStatus ?? '');
      grpcMessage = String(h['grpc-message'] ?? '');
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', (err) => finish(false, `health rpc failed: ${err.message}`));
    req.on('end', () => {
      if (grpcStatus && grpcStatus !== '0') return finish(false, `health rpc failed with status ${grpcStatus}: ${decodeURIComponent(grpcMessage)}`);
      const body = Buffer.concat(chunks).subarray(5);
      let status = 0;
      if (body.length >= 2 && body[0] === 0x08) status = body[1]!;
      const name = STATUS_NAMES[status] ?? String(status);
      finish(status === 1, status === 1 ? '' : `service unhealthy (responded with "${name}")`);
    });
    req.end(frame);
  });
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}
