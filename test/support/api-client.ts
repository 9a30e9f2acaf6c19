import https from 'node:https';
import type { SkiffProcess } from './skiff.js';

/** A minimal HTTPS client with the admin certificate, for tests that need raw requests. */
export class ApiClient {
  private readonly agent: https.Agent;

  constructor(private readonly skiff: SkiffProcess) {
    const doc = skiff.kubeconfigDoc();
    const b = (s: string) => Buffer.from(s, 'base64');
    this.agent = new https.Agent({
      ca: b(doc.clusters[0].cluster['certificate-authority-data']),
      cert: b(doc.users[0].user['client-certificate-data']),
      key: b(doc.users[0].user['client-key-data']),
      keepAlive: true,
      maxSockets: 64,
    });
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
    const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: '127.0.0.1', port: this.skiff.port, path, method, agent: this.agent, servername: 'localhost', headers: { 'Content-Type': 'application/json', ...headers } },
        (res) => {
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.end(payload);
      else req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
