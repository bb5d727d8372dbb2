#!/usr/bin/env node
// The `claimlens` command: the bundled command line over the same core as the server.
require('../dist/cli.js');
