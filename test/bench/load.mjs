// A load generator in its own process: N concurrent keep-alive HTTPS clients for a fixed time
// (or a fixed count), reporting requests completed and their latencies.
import https from 'node:https';

const a = JSON.parse(process.argv[2]);
const b = (s) => (s ? Buffer.from(s, 'base64') : undefined);
const agent = new https.Agent({ keepAlive: true, maxSockets: a.concurrency, ca: b(a.ca), cert: b(a.cert), key: b(a.key) });
let done = 0;
let errors = 0;
const latencies = [];
const deadline = a.durationMs ? Date.now() + a.durationMs : Infinity;
let counter = 0;

function once(i) {
  const n = counter++;
  const body = a.body ? JSON.stringify(a.body).replaceAll('__N__', `${i}-${n}`) : undefined;
  const t = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = https.request({ host: '127.0.0.1', port: a.port, method: a.method, path: a.path, agent, servername: 'localhost', headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {} }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode >= 200 && res.statusCode < 300) {
          done++;
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        } else errors++;
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(body);
  });
}

async function worker(i) {
  while (Date.now() < deadline && (a.count === undefined || counter < a.count)) await once(i);
}

const start = process.hrtime.bigint();
await Promise.all(Array.from({ length: a.concurrency }, (_, i) => worker(i)));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
latencies.sort((x, y) => x - y);
process.stdout.write(JSON.stringify({ done, errors, seconds, rps: done / seconds, p50: latencies[Math.floor(latencies.length / 2)], p99: latencies[Math.floor(latencies.length * 0.99)] }));
agent.destroy();
