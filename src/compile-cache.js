// Loaded by `npm start` before src/main.ts (`node --import`), in JavaScript so that loading it needs
// no type stripping. Node's compile cache keeps on disk the JavaScript that type stripping produced
// and V8's code for it: every start after the first neither loads the TypeScript transformer (about
// 27 MB that would stay resident for the life of the process) nor compiles again.
// NODE_COMPILE_CACHE names the directory (default: node-compile-cache in the OS temp directory);
// NODE_DISABLE_COMPILE_CACHE=1 turns it off. docs/performance.md has the numbers.
import { enableCompileCache } from 'node:module';

enableCompileCache();
