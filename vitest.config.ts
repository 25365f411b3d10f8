import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // vitest's default is one worker less than the CPUs, which on a 2-core machine runs the files one at a
    // time; the main process is idle while they run, so two workers use both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
