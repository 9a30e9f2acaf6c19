// Where the dashboard's files are, wherever the code runs from: the TypeScript sources, the
// bundled CLI in dist/, or a packaged app.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Skiff's package.json, searched upwards from `from`. */
export function findAppRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'skiff') return dir;
    } catch {}
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function defaultRendererDir(appRoot = findAppRoot()): string {
  return path.join(appRoot ?? process.cwd(), 'out', 'renderer');
}

/** electron-builder's names for the platforms, as resources/bin/<os>-<arch> uses them. */
const PLATFORM_NAMES: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'mac', win32: 'win' };

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

/**
 * kubectl and helm for the shell terminal: `resources/bin/<os>-<arch>` when the tools were
 * fetched for it, else the development copies from `.cache/tools`, linked under their plain
 * names so `kubectl` on PATH finds them.
 */
export function defaultToolsDir(appRoot = findAppRoot()): string | undefined {
  if (!appRoot) return undefined;
  const bundled = path.join(appRoot, 'resources', 'bin', `${PLATFORM_NAMES[process.platform] ?? process.platform}-${process.arch}`);
  if (existsSync(path.join(bundled, exe('kubectl')))) return bundled;
  const cache = path.join(appRoot, '.cache', 'tools', 'bin');
  const sources: Record<string, string> = { kubectl: path.join(cache, 'kubectl-1.34'), helm: path.join(cache, 'helm') };
  if (!existsSync(sources.kubectl)) return undefined;
  const linkDir = path.join(appRoot, '.cache', 'tools', 'shell-bin');
  try {
    mkdirSync(linkDir, { recursive: true });
    for (const [name, target] of Object.entries(sources)) {
      const link = path.join(linkDir, name);
      if (!existsSync(target)) continue;
      rmSync(link, { force: true });
      symlinkSync(target, link);
    }
    return linkDir;
  } catch {
    return undefined;
  }
}

/**
 * Builds the renderer when it is missing (a fresh clone before `npm run build:app`), so
 * `skiff up` serves a dashboard the first time too. Returns why it could not, if it could not.
 */
export function ensureRendererBuilt(rendererDir: string, appRoot = findAppRoot(), say: (line: string) => void = () => {}): string | undefined {
  if (existsSync(path.join(rendererDir, 'index.html'))) return undefined;
  const script = appRoot && path.join(appRoot, 'scripts', 'build-app.mjs');
  if (!script || !existsSync(script)) return `the dashboard is not built (no ${path.join(rendererDir, 'index.html')})`;
  say('building the dashboard (first run only)…');
  const r = spawnSync(process.execPath, [script, '--renderer'], { cwd: appRoot, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) return `building the dashboard failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`;
  return existsSync(path.join(rendererDir, 'index.html')) ? undefined : 'building the dashboard produced no index.html';
}
