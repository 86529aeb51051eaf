import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    pool: 'forks',
    // Python recursion is JavaScript recursion: give test processes a deep stack.
    execArgv: ['--stack-size=7000'],
  },
});
