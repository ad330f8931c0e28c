// Preloaded into Electronegativity's process (node --require). At start it downloads translations with got, retrying;
// offline, got's retry timer can throw after the request settled and kill the run. Here every download fails at once
// instead, and Electronegativity keeps its bundled en-US texts (its own fallback). Nothing else is changed.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS by definition
const Module = require('node:module');

const offline = () => Promise.reject(new Error('offline: Electronegativity downloads nothing in the tests'));
const got = Object.assign(offline, { default: offline, __esModule: true });
const load = Module._load;
Module._load = function loadWithoutNetwork(request, ...rest) {
  return request === 'got' ? got : load.call(this, request, ...rest);
};
