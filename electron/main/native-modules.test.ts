import { describe, expect, it } from 'vitest';
import { nativeParent } from './native-modules.js';

describe('native module mapping', () => {
  it('sends only the native modules to the Electron builds', () => {
    expect(nativeParent('better-sqlite3', '/x/electron-native/40')).toBe('file:///x/electron-native/40/node_modules/.resolve-from');
    expect(nativeParent('node-pty', '/x')).toMatch(/node_modules\/\.resolve-from$/);
    expect(nativeParent('better-sqlite3-extra', '/x')).toBeUndefined();
    expect(nativeParent('yaml', '/x')).toBeUndefined();
  });
});
