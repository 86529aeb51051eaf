// `npm run fuzz`: the long fuzz run only (test/fuzz/*.fuzz.ts), one process, no timeout.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    testTimeout: 0,
    pool: 'forks',
    execArgv: ['--stack-size=7000'],
  },
});
