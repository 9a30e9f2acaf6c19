// The baseline for API benchmarks: a bare node:https server with the same TLS setup
// (certificate, client certificates), answering with bytes it is given.
import https from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function startBaseline(pkiDir, handler) {
  const server = https.createServer(
    {
      key: readFileSync(path.join(pkiDir, 'apiserver.key')),
      cert: readFileSync(path.join(pkiDir, 'apiserver.crt')),
      ca: readFileSync(path.join(pkiDir, 'ca.crt')),
      requestCert: true,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    },
    handler,
  );
  server.keepAliveTimeout = 90_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) })));
}
