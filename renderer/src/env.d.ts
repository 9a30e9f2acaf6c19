/// <reference types="vite/client" />
import type { SkiffBridge } from '../../electron/shared/index.js';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser (web mode). */
    skiff?: SkiffBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
