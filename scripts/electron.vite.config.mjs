// electron-vite reads its settings from a file; they live in app-build-config.mjs.
import { electronViteConfig } from './app-build-config.mjs';

export default electronViteConfig();
