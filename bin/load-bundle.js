"use strict";
/**
 * Loads the bundled CLI (lib/dittofs-cli.js) as `require` would, with V8's code cache made at build time when it is
 * there (scripts/cli-code-cache.js): a render then compiles almost nothing.
 */
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const Module = require("module");

function compileBundle(file, cachedData) {
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file));
  return { script, exports: module.exports };
}

function loadBundle(file) {
  let cachedData;
  try {
    cachedData = fs.readFileSync(file.replace(/\.js$/, ".cache"));
  } catch {
    // No cache (e.g. a build without the second step): compile as usual.
  }
  return compileBundle(file, cachedData).exports;
}

module.exports = { compileBundle, loadBundle };
