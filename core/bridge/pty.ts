// node-pty is native and optional: a machine where it did not build still runs everything
// but the shell terminal, which then says why instead of taking the process down.
import { createRequire } from 'node:module';

export interface Pty {
  readonly pid: number;
  onData(listener: (data: string) => void): { dispose(): void };
  onExit(listener: (e: { exitCode: number; signal?: number }) => void): { dispose(): void };
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
}

export interface PtySpawnOptions {
  name: string;
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
}

export interface PtyModule {
  spawn(file: string, args: string[], options: PtySpawnOptions): Pty;
}

let loaded: { module?: PtyModule; error?: string } | undefined;

export function loadPty(): PtyModule {
  if (!loaded) {
    try {
      // createRequire, not import(): bundlers must leave the native module to Node to load.
      loaded = { module: createRequire(import.meta.url)('node-pty') as PtyModule };
    } catch (err) {
      loaded = { error: `the shell terminal needs node-pty, which is not built here (${(err as Error).message.split('\n')[0]}); run "npm rebuild node-pty"` };
    }
  }
  if (loaded.error) throw new Error(loaded.error);
  return loaded.module!;
}
