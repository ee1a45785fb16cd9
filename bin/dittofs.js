#!/usr/bin/env node
// The `dittofs` command: the render path bundled into one file at build time (`npm run bundle`), so that a render
// loads one module instead of a hundred (and no @pulumi/* module at all), compiled with V8's code cache.
const path = require("path");
const { loadBundle } = require("./load-bundle");

loadBundle(path.join(__dirname, "..", "lib", "dittofs-cli.js")).main(process.argv.slice(2));
