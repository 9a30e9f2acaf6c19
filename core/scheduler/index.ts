export { startScheduler, type SchedulerConfig } from './scheduler.js';
