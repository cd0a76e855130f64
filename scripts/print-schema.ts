import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { renderSubgraphSdl, SUBGRAPH_SDL_PATH } from '../src/graphql/subgraph-sdl.ts';

/** `npm run schema:print`: writes the subgraph SDL for `rover subgraph publish` (see docs/federation.md). */
writeFileSync(SUBGRAPH_SDL_PATH, renderSubgraphSdl());
console.log(`wrote ${relative(process.cwd(), SUBGRAPH_SDL_PATH)}`);
