import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { ContainerRuntime } from '../runtime/types.js';
import { grpcHealthCheck } from './grpc-health.js';

export interface ProbeTarget {
  containerId: string;
  sandboxId: string;
  podIP: string;
  container: any;
}

export interface ProbeOutcome {
  ok: boolean;
  message: string;
}

/** Resolves a probe or hook port, which may name one of the container's ports. */
export function resolvePort(port: unknown, container: any): number {
  if (typeof port === 'number') return port;
  const n = Number(port);
  if (Number.isInteger(n) && n > 0) return n;
  const named = (container.ports ?? []).find((p: any) => p.name === port);
  if (!named) throw new Error(`couldn't find port ${String(port)} in container ${container.name}`);
  return named.containerPort;
}

/** Runs one exec, httpGet, tcpSocket or grpc check (probes and lifecycle hooks share these). */
export async function runCheck(runtime: ContainerRuntime, target: ProbeTarget, handler: any, timeoutMs: number): Promise<ProbeOutcome> {
  try {
    if (handler.exec) return await withTimeout(execCheck(runtime, target.containerId, handler.exec.command ?? []), timeoutMs, `command ${JSON.stringify((handler.exec.command ?? []).join(' '))} timed out`);
    const dial = async (host: string | undefined, port: number): Promise<Duplex> => {
      if (host && host !== target.podIP) return connectDirect(host, port, timeoutMs);
      return withTimeout(runtime.dial(target.sandboxId, port), timeoutMs, `dial tcp ${target.podIP}:${port}: i/o timeout`);
    };
    if (handler.tcpSocket) {
      const port = resolvePort(handler.tcpSocket.port, target.container);
      const s = await dial(handler.tcpSocket.host, port);
      s.destroy();
      return { ok: true, message: '' };
    }
    if (handler.httpGet) return await httpCheck(handler.httpGet, target, dial, timeoutMs);
    if (handler.grpc) {
      const port = resolvePort(handler.grpc.port, target.container);
      const s = await dial(undefined, port);
      return await grpcHealthCheck(s, `${target.podIP}:${port}`, handler.grpc.service ?? '', timeoutMs);
    }
    if (handler.sleep) {
      await new Promise((r) => setTimeout(r, Math.min(timeoutMs, (handler.sleep.seconds ?? 0) * 1000)));
      return { ok: true, message: '' };
    }
    return { ok: false, message: 'missing probe handler' };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

async function execCheck(runtime: ContainerRuntime, id: string, command: string[]): Promise<ProbeOutcome> {
  const s = await runtime.exec(id, { command, stdin: false, stdout: true, stderr: true, tty: false });
  const chunks: Buffer[] = [];
  const [r] = await Promise.all([s.done, collect(s.stdout, chunks), collect(s.stderr, chunks)]);
  const output = Buffer.concat(chunks).toString('utf8').slice(0, 10 * 1024);
  if (r.exitCode === 0) return { ok: true, message: output };
  return { ok: false, message: output || (r.error ? r.error : `command ${JSON.stringify(command.join(' '))} exited with ${r.exitCode ?? 'unknown'}`) };
}

function httpCheck(get: any, target: ProbeTarget, dial: (host: string | undefined, port: number) => Promise<Duplex>, timeoutMs: number): Promise<ProbeOutcome> {
  const port = resolvePort(get.port, target.container);
  const host: string = get.host || target.podIP;
  const scheme = String(get.scheme ?? 'HTTP').toLowerCase();
  const pathPart = get.path || '/';
  const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}${pathPart.startsWith('/') ? '' : '/'}${pathPart}`;
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.34', Accept: '*/*' };
    for (const h of get.httpHeaders ?? []) headers[h.name] = h.value;
    let done = false;
    const finish = (o: ProbeOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(o);
    };
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
    }, timeoutMs);
    const req = http.request(
      url,
      {
        method: 'GET',
        headers,
        createConnection: ((_opts: unknown, cb: (err: Error | null, s?: Duplex) => void) => {
          dial(get.host, port).then(
            (s) => cb(null, s),
            (err: Error) => cb(err),
          );
          return undefined;
        }) as any,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          const body = Buffer.concat(chunks).toString('utf8').slice(0, 10 * 1024);
          // Redirects count as success, as upstream's prober treats 3xx without following them off-host.
          finish(code >= 200 && code < 400 ? { ok: true, message: body } : { ok: false, message: `HTTP probe failed with statuscode: ${code}` });
        });
        res.on('error', (err) => finish({ ok: false, message: err.message }));
      },
    );
    req.on('error', (err) => finish({ ok: false, message: `Get "${url}": ${err.message}` }));
    req.end();
  });
}

function connectDirect(host: string, port: number, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port, timeout: timeoutMs });
    s.once('connect', () => resolve(s));
    s.once('timeout', () => {
      s.destroy();
      reject(new Error(`dial tcp ${host}:${port}: i/o timeout`));
    });
    s.once('error', (err) => reject(new Error(`dial tcp ${host}:${port}: ${err.message}`)));
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

function collect(stream: NodeJS.ReadableStream | undefined, into: Buffer[]): Promise<void> {
  if (!stream) return Promise.resolve();
  return new Promise((resolve) => {
    stream.on('data', (c: Buffer) => into.push(c));
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
}
