// The log terminal and the shell terminals in the browser: a live log tail, the local shell
// with Skiff's kubectl and kubeconfig, and a shell inside a container.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebMode, TEST_IMAGE } from './support/web-mode.js';
import { openBrowser, type Browser } from './support/browser.js';

const NS = 'ui-test';
let skiff: WebMode;
let b: Browser;
let page: Page;

async function terminalText(selector: string): Promise<string> {
  return page.locator(`${selector} .xterm-rows`).innerText();
}

async function waitForText(selector: string, pattern: RegExp, timeout = 15_000): Promise<string> {
  const until = Date.now() + timeout;
  let text = '';
  while (Date.now() < until) {
    text = await terminalText(selector).catch(() => '');
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`terminal never showed ${pattern}; it shows:\n${text}`);
}

async function runningPod(name: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const r = await skiff.kubectl.run(['get', 'pod', name, '-n', NS, '-o', 'jsonpath={.status.phase}']);
    if (r.stdout.trim() === 'Running') return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

beforeAll(async () => {
  skiff = new WebMode();
  await skiff.start();
  await skiff.kubectl.ok(['create', 'namespace', NS]);
  b = await openBrowser();
  page = b.page;
  await page.goto(skiff.url);
  await page.waitForSelector('[data-test=phase][data-phase=running]');
});

afterAll(async () => {
  await b?.close();
  await skiff?.stop();
});

describe('terminals', () => {
  it('opens a local shell with Skiff’s kubectl, helm and kubeconfig', async (ctx) => {
    const info = (await skiff.call('getSettings')) as unknown;
    expect(info).toBeTruthy();
    await page.click('[data-test=open-shell]');
    await page.waitForSelector('[data-test=shell-terminal] .xterm-rows');
    const first = await waitForText('[data-test=shell-terminal]', /\S/, 10_000).catch(() => '');
    if (/node-pty/.test(first)) ctx.skip('node-pty is not built on this machine');
    await page.locator('[data-test=shell-terminal]').click();
    await page.keyboard.type('kubectl get namespaces -o name; helm version --short; echo "cfg=$KUBECONFIG"\n');
    const text = await waitForText('[data-test=shell-terminal]', /namespace\/default[\s\S]*v4\.[\s\S]*cfg=\S+kubeconfig/);
    expect(text).toContain('namespace/kube-system');
    await b.shot('shell');
    await page.keyboard.type('exit\n');
    await page.waitForSelector('[data-test=dock] >> text=exited with code 0');
  });

  it('follows a container’s log live, lines printed after the page opened included', async (ctx) => {
    // Bound to the node directly, so the test needs the kubelet but not the scheduler.
    const node = (await skiff.kubectl.run(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout.trim();
    if (!node) ctx.skip('this cluster registers no node (no kubelet)');
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ui-ticker', namespace: NS }, spec: { nodeName: node, automountServiceAccountToken: false, terminationGracePeriodSeconds: 1, containers: [{ name: 'ticker', image: TEST_IMAGE, command: ['sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1; done'] }] } };
    await skiff.kubectl.ok(['apply', '-f', '-'], { input: JSON.stringify(pod) });
    if (!(await runningPod('ui-ticker', 30_000))) ctx.skip('pods do not run here (no kubelet wired into the cluster yet)');
    await page.evaluate(() => (location.hash = '#/r/pods/ui-test/ui-ticker'));
    await page.click('[data-test=logs]');
    const before = await waitForText('[data-test=dock] .pane:visible [data-test=log-terminal]', /tick \d+/);
    const last = Math.max(...[...before.matchAll(/tick (\d+)/g)].map((m) => Number(m[1])));
    // A line the container prints only now, with the page already open, must arrive.
    await waitForText('[data-test=dock] .pane:visible [data-test=log-terminal]', new RegExp(`tick ${last + 2}\\b`), 10_000);
    await b.shot('logs');
  });

  it('keeps following the log when the container restarts', async (ctx) => {
    const node = (await skiff.kubectl.run(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout.trim();
    if (!node) ctx.skip('this cluster registers no node (no kubelet)');
    // Prints three lines numbered by its start, then exits; the kubelet starts it again.
    const script = 'n=$(cat /tmp/n 2>/dev/null || echo 0); echo $((n+1)) > /tmp/n; for i in 1 2 3; do echo "run $n line $i"; sleep 1; done';
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ui-restarter', namespace: NS }, spec: { nodeName: node, automountServiceAccountToken: false, terminationGracePeriodSeconds: 1, restartPolicy: 'Always', volumes: [{ name: 'state', emptyDir: {} }], containers: [{ name: 'once', image: TEST_IMAGE, command: ['sh', '-c', script], volumeMounts: [{ name: 'state', mountPath: '/tmp' }] }] } };
    await skiff.kubectl.ok(['apply', '-f', '-'], { input: JSON.stringify(pod) });
    if (!(await runningPod('ui-restarter', 30_000))) ctx.skip('the pod did not start');
    await page.evaluate(() => (location.hash = '#/r/pods/ui-test/ui-restarter'));
    await page.click('[data-test=logs]');
    const sel = '[data-test=dock] .pane:visible [data-test=log-terminal]';
    await waitForText(sel, /run 0 line 1/);
    const text = await waitForText(sel, /restarted; following the new instance[\s\S]*run 1 line 1/, 60_000);
    expect(text).toMatch(/run 0 line 3/);
    await b.shot('logs-restart');
  });

  it('opens a shell in a container', async (ctx) => {
    if (!(await runningPod('ui-ticker', 1000))) ctx.skip('pods do not run here (no kubelet wired into the cluster yet)');
    await page.evaluate(() => (location.hash = '#/r/pods/ui-test/ui-ticker'));
    await page.click('[data-test=shell]');
    const sel = '[data-test=dock] .pane:visible [data-test=shell-terminal]';
    await page.waitForSelector(`${sel} .xterm-rows`);
    await page.locator(sel).click();
    await page.keyboard.type('echo "inside $(hostname)"\n');
    await waitForText(sel, /inside ui-ticker/);
    await b.shot('exec');
  });
});
