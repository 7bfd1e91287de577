// Worker threads do not inherit the main thread's TypeScript loader: register tsx here, then load
// the worker itself (docs/decisions/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('./suite-worker.ts');
