/** fast-xml-parser, required on the first call (see load-fast-xml-parser.cjs). Typed as its ESM build, which src/xml.ts names. */
export declare function loadFastXmlParser(): typeof import('fast-xml-parser', { with: { 'resolution-mode': 'import' }});
