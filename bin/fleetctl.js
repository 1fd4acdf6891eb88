#!/usr/bin/env node
// The `fleetctl` command line for operators. Built by `npm run build`.
require('../dist/apps/cli/src/main.js');
