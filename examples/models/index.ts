/**
 * The example models, loaded by the console (`npm start`) when no `--models` file is given.
 */
export { AsyncJob } from './async-job.js';
export { Authentication } from './authentication.js';
export { Forum, Topic, Post } from './forum.js';
