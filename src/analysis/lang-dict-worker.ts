// The query-language dictionaries' own thread: see startDictionaryWorker in lang-dict.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { serveDictionaries } from './lang-dict.ts';

serveDictionaries((workerData as { shared: SharedArrayBuffer }).shared, (loaded) => parentPort!.postMessage(loaded));
