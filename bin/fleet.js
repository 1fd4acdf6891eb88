#!/usr/bin/env node
// The `fleet` server binary: serve, prepare db, version, config_dump. Built by `npm run build`.
require('../dist/apps/fleet/src/main.js');
