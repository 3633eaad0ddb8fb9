// jsdom lacks the Fetch API and TextEncoder that Node has; the panel's client (Headers, Response)
// and react-router need them. Lend Node's own to the jsdom window.
const { TestEnvironment } = require('jest-environment-jsdom');

const LENT = [
  'TextEncoder',
  'TextDecoder',
  'Headers',
  'Request',
  'Response',
  'structuredClone',
  'ReadableStream',
];

class JsdomWithFetchEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of LENT) {
      if (this.global[name] === undefined) this.global[name] = globalThis[name];
    }
  }
}

module.exports = JsdomWithFetchEnvironment;
