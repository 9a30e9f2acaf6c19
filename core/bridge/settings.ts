// Settings kept as one JSON file: defaults for what is missing, each value checked on the way
// in, written atomically so a crash never leaves half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from './contract.js';
import { badRequest } from './errors.js';

type Check = (v: unknown) => boolean;

const checks: Record<keyof Settings, Check> = {
  kubernetesEnabled: (v) => typeof v === 'boolean',
  startAtLogin: (v) => typeof v === 'boolean',
  apiPort: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535,
  dataDir: (v) => typeof v === 'string' && v.trim() !== '' && path.isAbsolute(v),
  dockerSocket: (v) => typeof v === 'string',
  showSystemContainers: (v) => typeof v === 'boolean',
  switchContext: (v) => typeof v === 'boolean',
  theme: (v) => v === 'system' || v === 'light' || v === 'dark',
};

const explain: Record<keyof Settings, string> = {
  kubernetesEnabled: 'must be true or false',
  startAtLogin: 'must be true or false',
  apiPort: 'must be a port number between 0 and 65535',
  dataDir: 'must be an absolute path',
  dockerSocket: 'must be a string (empty for the default)',
  showSystemContainers: 'must be true or false',
  switchContext: 'must be true or false',
  theme: 'must be system, light or dark',
};

export function defaultSettings(dataDir: string): Settings {
  return {
    kubernetesEnabled: true,
    startAtLogin: false,
    apiPort: 6443,
    dataDir,
    dockerSocket: '',
    showSystemContainers: false,
    switchContext: false,
    theme: 'system',
  };
}

/** Throws a 400 Status naming the first bad value; unknown keys are refused too. */
export function validateSettings(changes: Record<string, unknown>): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    if (!Object.hasOwn(checks, k)) throw badRequest(`unknown setting "${k}"`);
    if (!checks[k as keyof Settings](v)) throw badRequest(`setting ${k} ${explain[k as keyof Settings]}`);
    out[k] = v;
  }
  return out as Partial<Settings>;
}

export class SettingsFile {
  private value: Settings;
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(
    readonly file: string,
    defaults: Settings,
  ) {
    this.value = { ...defaults, ...this.read() };
  }

  private read(): Partial<Settings> {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return {};
    }
    if (!raw || typeof raw !== 'object') return {};
    // A hand-edited file with one bad value keeps the rest.
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) if (Object.hasOwn(checks, k) && checks[k as keyof Settings](v)) out[k] = v;
    return out as Partial<Settings>;
  }

  get(): Settings {
    return { ...this.value };
  }

  update(changes: Partial<Settings>): Settings {
    const valid = validateSettings(changes as Record<string, unknown>);
    this.value = { ...this.value, ...valid };
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.value, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
    for (const l of this.listeners) l(this.get());
    return this.get();
  }

  onDidChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
