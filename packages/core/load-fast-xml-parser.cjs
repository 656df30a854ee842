'use strict';
// fast-xml-parser on first use, through a plain `require` that bundlers
// (esbuild, webpack) follow and bundle. It lives in this CommonJS file because
// ESM has no synchronous lazy import, and a static import would load the
// parser's ESM build (dozens of modules, ~40 ms) with every SDK import.
// src/xml.ts and dist/*.js both import it as `../load-fast-xml-parser.cjs`.
let fastXmlParser;
exports.loadFastXmlParser = () => {
  fastXmlParser ??= require('fast-xml-parser');
  return fastXmlParser;
};
