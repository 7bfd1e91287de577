import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** `hjsim`, `hjsim/testing`, `hjsim/testcontainers` in this repo's tests are the sources, not dist/. */
const source = (path: string) => fileURLToPath(new URL(`./src/${path}.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^hjsim$/, replacement: source('index') },
      { find: /^hjsim\/testing$/, replacement: source('tools/testing/index') },
      { find: /^hjsim\/testcontainers$/, replacement: source('tools/testcontainers/index') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
