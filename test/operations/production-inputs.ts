/**
 * What each stage of the production build copies from the repository. The Dockerfile's COPY lines
 * and the production-build test both follow these lists (a test checks the Dockerfile against them).
 */
export const BUILD_STAGE_INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'schema',
  'src',
] as const;

/** Besides these, the runtime stage takes only `dist/` from the build stage. */
export const RUNTIME_STAGE_INPUTS = ['package.json', 'package-lock.json', 'schema'] as const;
