// Worker entry: workers do not inherit tsx's loader, so register it before loading the TS.
import { register } from 'tsx/esm/api';

register();
await import('./simWorker.ts');
