import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (`module`) and CJS (`main`) builds. Node loads the CJS one everywhere
    // (Apollo requires it); Vite would pick the ESM one for our imports, and graphql refuses to mix
    // types from two copies. Resolve it as Node does.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // @apollo/gateway otherwise sends usage metrics to Apollo and probes cloud metadata servers
    // (AWS, GCP, Azure) from every instance: tests stay offline.
    env: { APOLLO_TELEMETRY_DISABLED: 'true' },
    testTimeout: 20_000,
    hookTimeout: 20_000,
    restoreMocks: true,
    projects: [
      {
        // Pure modules: no server, no process, no port. `npm run test:unit` runs only these, in a
        // few seconds: worker threads that keep their modules from one file to the next.
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], pool: 'threads', isolate: false },
      },
      {
        // Integration tests start real servers on loopback; two cores run them comfortably in forks.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          pool: 'forks',
        },
      },
    ],
  },
});
