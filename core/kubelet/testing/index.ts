export { TEST_IMAGE, TEST_PAUSE_COMMAND, docker, dockerStatus, ensureTestImage, removeNodeContainers } from './test-image.js';
export { FakeClock, settle } from './fake-clock.js';
export { testPod, eventually } from './pods.js';
