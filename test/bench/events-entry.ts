/** What test/bench/events.mjs measures, bundled by it with esbuild. */
export { runProgram } from '../../source/runtime/run.js';
export { TimeTravel } from '../../source/projections/time-travel.js';
