export { VolumeManager, runtimeVolumeName, type VolumeSource, type VolumeManagerConfig } from './volume-manager.js';
export { TokenManager, type IssueToken } from './token-manager.js';
export { MountError } from './projections.js';
export { writeAtomic } from './atomic-writer.js';
