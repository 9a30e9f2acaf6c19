/** The one IPC channel the bridge uses, both ways; the preload allows no other. */
export const IPC_CHANNEL = 'skiff:bridge';
