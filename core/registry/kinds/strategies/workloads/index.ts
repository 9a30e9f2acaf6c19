export { deploymentBehavior, deploymentDefaults, validateDeploymentSpec } from './deployment.js';
export { replicaSetBehavior, replicationControllerBehavior } from './replica-set.js';
export { statefulSetBehavior, statefulSetDefaults } from './stateful-set.js';
export { daemonSetBehavior, daemonSetDefaults } from './daemon-set.js';
export { jobBehavior, jobSpecDefaults, generateSelector } from './job.js';
export { cronJobBehavior } from './cron-job.js';
export { cronScheduleProblem, timeZoneProblem } from './cron-schedule.js';
