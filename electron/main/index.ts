// The desktop app's entry. Native modules must be mapped to their Electron builds before the
// app (and with it core's store) is imported, hence the dynamic import.
import { useNativeModulesFrom } from './native-modules.js';

useNativeModulesFrom(process.env.SKIFF_ELECTRON_NATIVE_DIR);
await import('./app.js');
