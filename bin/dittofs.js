#!/usr/bin/env node
// The `dittofs` command. Loads only the render path (no @pulumi/* modules), so it starts fast.
require("../lib/cli/main").main(process.argv.slice(2));
