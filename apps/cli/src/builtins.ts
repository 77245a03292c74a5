/**
 * Node's built-in modules that only some runs use, loaded the first time one is asked for
 * (`process.getBuiltinModule`, Node 20.16+), not when the command line starts: a plain check
 * hashes nothing (node:crypto: the HTML report's style hash, an --out set's lock token) and, on two
 * processors, starts no worker thread (node:worker_threads). Loading the two at start-up was
 * ~5 ms of every run, `--help` included.
 */
export const nodeCrypto = () => process.getBuiltinModule('node:crypto');
export const workerThreads = () => process.getBuiltinModule('node:worker_threads');
