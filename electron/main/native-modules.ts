// From source, the app runs with Node's builds of the native modules in node_modules; its own
// Electron builds live elsewhere (scripts/electron-native.mjs), and this points the module
// names at them before anything imports one. A packaged app has Electron builds in place and
// does not set the variable.
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const NATIVE_MODULES = ['better-sqlite3', 'node-pty'];

/** Where to resolve `specifier` from instead, or undefined to leave it alone. */
export function nativeParent(specifier: string, dir: string): string | undefined {
  const name = NATIVE_MODULES.find((n) => specifier === n || specifier.startsWith(`${n}/`));
  return name ? pathToFileURL(path.join(dir, 'node_modules', '.resolve-from')).href : undefined;
}

type ResolveHook = (specifier: string, context: { parentURL?: string }, next: (s: string, c?: { parentURL?: string }) => unknown) => unknown;

export function useNativeModulesFrom(dir: string | undefined): boolean {
  if (!dir) return false;
  const registerHooks = (module as unknown as { registerHooks?: (hooks: { resolve: ResolveHook }) => void }).registerHooks;
  if (typeof registerHooks !== 'function') return false;
  registerHooks({
    resolve(specifier, context, next) {
      const parentURL = nativeParent(specifier, dir);
      return parentURL ? next(specifier, { ...context, parentURL }) : next(specifier, context);
    },
  });
  return true;
}
