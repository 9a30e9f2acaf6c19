// The dashboard as a person uses it, in Chromium against web mode on a real cluster: live
// lists, the YAML editor, the Kubernetes toggle; screenshots of each screen are kept.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebMode, TEST_IMAGE } from './support/web-mode.js';
import { openBrowser, type Browser } from './support/browser.js';

const NS = 'ui-test';
let skiff: WebMode;
let b: Browser;
let page: Page;

async function go(hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
}

/** Waits for a row by name; returns how long it took. */
async function rowAppears(name: string, timeout: number): Promise<number> {
  const started = Date.now();
  await page.waitForSelector(`[data-test=rows] [data-name="${name}"]`, { timeout });
  return Date.now() - started;
}

async function rowGone(name: string, timeout: number): Promise<number> {
  const started = Date.now();
  await page.waitForSelector(`[data-test=rows] [data-name="${name}"]`, { state: 'detached', timeout });
  return Date.now() - started;
}

async function hasNode(): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    const r = await skiff.kubectl.run(['get', 'nodes', '-o', 'name']);
    if (r.code === 0 && r.stdout.trim()) return true;
    await new Promise((r) => setTimeout(r, 500));
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

describe('dashboard', () => {
  it('shows the cluster on the overview, and the node Ready once the kubelet registered it', async (ctx) => {
    await page.waitForSelector('[data-test=cluster-card] >> text=v1.34');
    await b.shot('overview');
    if (!(await hasNode())) ctx.skip('this cluster registers no node (no kubelet wired into createCluster yet)');
    await page.waitForSelector('[data-test=node-status] >> text=Ready', { timeout: 15_000 });
    await b.shot('overview');
  });

  it('lists objects created and deleted with kubectl within a second, without polling', async () => {
    await go('#/r/deployments');
    await page.selectOption('[data-test=namespace]', NS).catch(() => {});
    await skiff.kubectl.ok(['create', 'deployment', 'ui-web', '-n', NS, `--image=${TEST_IMAGE}`, '--', 'sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1; done']);
    expect(await rowAppears('ui-web', 1000)).toBeLessThan(1000);
    await go('#/r/pods');
    await skiff.kubectl.ok(['run', 'ui-solo', '-n', NS, `--image=${TEST_IMAGE}`, '--restart=Never', '--', 'sleep', '3600']);
    expect(await rowAppears('ui-solo', 1000)).toBeLessThan(1000);
    await b.shot('pods');
    await skiff.kubectl.ok(['delete', 'pod', 'ui-solo', '-n', NS, '--wait=false']);
    // With a kubelet the pod lingers while its container stops (grace period); without one it
    // goes at once. Either way the row must follow the API within a second of it going.
    await waitGoneFromApi('pod', 'ui-solo');
    expect(await rowGone('ui-solo', 1000)).toBeLessThan(1000);
  });

  it('shows the Deployment’s pods when the controllers run them, and their removal', async (ctx) => {
    const podName = await firstPod('app=ui-web', 15_000);
    if (!podName) ctx.skip('no controller made pods for the Deployment (workload controllers not wired yet)');
    await go('#/r/pods');
    await rowAppears(podName!, 1000);
    await skiff.kubectl.ok(['scale', 'deployment', 'ui-web', '-n', NS, '--replicas=0']);
    await waitGoneFromApi('pod', podName!, 60_000);
    expect(await rowGone(podName!, 1000)).toBeLessThan(1000);
    await skiff.kubectl.ok(['scale', 'deployment', 'ui-web', '-n', NS, '--replicas=1']);
  });

  it('applies YAML from the editor and shows the server’s error for a bad one', async () => {
    await skiff.kubectl.ok(['create', 'configmap', 'ui-config', '-n', NS, '--from-literal=colour=blue']);
    await go(`#/r/configmaps/${NS}/ui-config`);
    await page.click('[data-test=tab-YAML]');
    const editor = page.locator('[data-test=yaml-editor] .cm-content');
    await editor.waitFor();
    await replaceText(editor, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ui-config\n  namespace: ${NS}\ndata:\n  colour: green\n  size: large\n`);
    await page.click('[data-test=yaml-apply]');
    // kubectl create owns data.colour: server-side apply says so, and the editor offers to
    // take the field over.
    await page.waitForSelector('[data-test=yaml-error] >> text=conflict');
    await b.shot('yaml-conflict');
    await page.click('[data-test=yaml-force]');
    await page.waitForSelector('[data-test=toast] >> text=Applied');
    const cm = await skiff.kubectl.json(['get', 'configmap', 'ui-config', '-n', NS]);
    expect(cm.data).toEqual({ colour: 'green', size: 'large' });
    await b.shot('yaml-editor');

    await replaceText(editor, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ui-config\n  namespace: ${NS}\ndata:\n  colour: red\nspec:\n  replicas: 3\n`);
    await page.click('[data-test=yaml-apply]');
    const err = page.locator('[data-test=yaml-error]');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/unknown field "spec"/);
    await b.shot('yaml-error');
    expect((await skiff.kubectl.json(['get', 'configmap', 'ui-config', '-n', NS])).data.colour).toBe('green');

    await replaceText(editor, 'apiVersion: v1\nkind: ConfigMap\nmetadata: [oops\n');
    await page.click('[data-test=yaml-apply]');
    await page.waitForSelector('[data-test=yaml-error] >> text=error parsing YAML');
  });

  it('turns Kubernetes off and on from the toggle, with everything back', async () => {
    // A pod bound to the node (no scheduler needed) shows that containers stop and come back.
    const node = (await skiff.kubectl.run(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout.trim();
    let uid = '';
    if (node) {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ui-sleeper', namespace: NS }, spec: { nodeName: node, automountServiceAccountToken: false, terminationGracePeriodSeconds: 1, containers: [{ name: 'sleeper', image: TEST_IMAGE, command: ['sleep', '3600'] }] } };
      await skiff.kubectl.ok(['apply', '-f', '-'], { input: JSON.stringify(pod) });
      await skiff.kubectl.ok(['wait', '--for=condition=Ready', 'pod/ui-sleeper', '-n', NS, '--timeout=60s']);
      uid = (await skiff.kubectl.json(['get', 'pod', 'ui-sleeper', '-n', NS])).metadata.uid;
      expect(dockerRunning(uid).length).toBeGreaterThan(0);
    }
    await go('#/');
    await page.click('label:has([data-test=kube-toggle])');
    await page.waitForSelector('[data-test=phase][data-phase=stopped]', { timeout: 30_000 });
    await b.shot('overview-stopped');
    const refused = await skiff.kubectl.run(['get', 'namespaces', '--request-timeout=5s']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/refused|unable to connect|connect: /i);
    if (uid) expect(dockerRunning(uid)).toEqual([]);
    await page.click('label:has([data-test=kube-toggle])');
    await page.waitForSelector('[data-test=phase][data-phase=running]', { timeout: 60_000 });
    expect((await skiff.kubectl.json(['get', 'configmap', 'ui-config', '-n', NS])).data.colour).toBe('green');
    await go('#/r/configmaps');
    await rowAppears('ui-config', 5000);
    // The kubelet starts the pod's containers again (restartPolicy Always).
    if (uid) await until(() => dockerRunning(uid).length > 0, 60_000, 'the pod’s containers to run again');
  });

  it('keeps thousands of rows smooth: all counted, only a screenful in the page', async () => {
    const N = 2000;
    const docs = Array.from({ length: N }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bulk-${String(i).padStart(4, '0')}\n  namespace: ${NS}\ndata:\n  i: "${i}"\n`).join('---\n');
    await go('#/r/configmaps');
    await page.selectOption('[data-test=namespace]', NS);
    await skiff.call('applyYaml', docs);
    await page.waitForFunction((n) => Number(document.querySelector('[data-test=count]')?.textContent?.trim().split(/\s/)[0]) >= n, N, { timeout: 10_000 });
    expect(await page.locator('[data-test=rows] [role=row]').count()).toBeLessThan(80);
    // Scrolling to the end renders the last rows, still without rendering the rest.
    await page.locator('[data-test=rows]').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForSelector('[data-test=rows] [data-name="bulk-1999"]');
    expect(await page.locator('[data-test=rows] [role=row]').count()).toBeLessThan(80);
    // A change to one of thousands shows as fast as in a short list.
    const started = Date.now();
    await skiff.kubectl.ok(['delete', 'configmap', 'bulk-1999', '-n', NS]);
    await page.waitForSelector('[data-test=rows] [data-name="bulk-1999"]', { state: 'detached', timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    await b.shot('configmaps-2000');
  });

  it('keeps screenshots of the other screens, light and dark', async () => {
    await go(`#/r/deployments/${NS}/ui-web`);
    await page.waitForSelector('[data-test=detail-name]');
    await b.shot('deployment');
    await page.click('[data-test=tab-Related]');
    await b.shot('deployment-related');
    await go('#/r/events');
    await page.waitForTimeout(300);
    await b.shot('events');
    await go('#/preferences');
    await page.waitForSelector('[data-test=save-prefs]');
    await b.shot('preferences');
    await page.emulateMedia({ colorScheme: 'dark' });
    await go('#/');
    await page.waitForTimeout(300);
    await b.shot('overview-dark');
    await go(`#/r/pods`);
    await page.waitForTimeout(300);
    await b.shot('pods-dark');
    await go(`#/r/configmaps/${NS}/ui-config`);
    await page.click('[data-test=tab-YAML]');
    await page.waitForSelector('[data-test=yaml-editor] .cm-content');
    await b.shot('yaml-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(b.errors).toEqual([]);
  });
});

async function replaceText(editor: ReturnType<Page['locator']>, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  // insertText, not typing: CodeMirror would auto-indent each typed newline.
  await page.keyboard.insertText(text);
}

async function waitGoneFromApi(kind: string, name: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const r = await skiff.kubectl.run(['get', kind, name, '-n', NS, '-o', 'name']);
    if (r.code !== 0 && /NotFound|not found/.test(r.stderr)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${kind}/${name} still exists after ${timeoutMs} ms`);
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function firstPod(selector: string, timeoutMs: number): Promise<string | undefined> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const out = (await skiff.kubectl.ok(['get', 'pods', '-n', NS, '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}'])).trim();
    if (out) return out.split(' ')[0];
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

/** Running containers of one pod (other tests' clusters share the Docker daemon). */
function dockerRunning(podUid: string): string[] {
  const r = spawnSync('docker', ['ps', '-q', '--filter', 'label=skiff.managed=true', '--filter', `label=io.kubernetes.pod.uid=${podUid}`], { encoding: 'utf8' });
  return (r.stdout ?? '').trim().split('\n').filter(Boolean);
}
