#!/usr/bin/env node
'use strict';
// The `briefing` command. The CLI itself is TypeScript bundled to build/cli.cjs.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'build', 'cli.cjs');
if (!fs.existsSync(cli)) {
  console.error('briefing: the app is not built yet; run `npm run build` first.');
  process.exit(2);
}
require(cli);
