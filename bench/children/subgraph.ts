import { startApp } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import { serveParent } from './rpc.ts';

/**
 * Our subgraph exactly as `npm start` runs it (configuration from the environment, startApp), in
 * its own process; the parent points its vendors at the simulator process through the ordinary
 * `<VENDOR>_API_URL` and credential variables.
 */

export interface SubgraphInfo {
  url: string;
}

const config = loadConfig(process.env);
const app = await startApp(config); // logs to stdout, as npm start does
serveParent<Record<never, never>, SubgraphInfo>({ url: app.url }, {}, () => app.close());
