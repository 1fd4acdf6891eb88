// Lets a tool script require the project's TypeScript sources directly (compiled in memory by swc, as the
// build does), so that tools read the product's own definitions, such as the configuration schema, without a
// build first. Only for sources with no @fleet/* imports (swc here does not rewrite path aliases).
'use strict';
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      module: { type: 'commonjs' },
      jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true } },
    });
    module._compile(code, filename);
  };
}
