/**
 * `npm run bundle`, second step: V8's code cache for the bundled CLI (lib/dittofs-cli.cache). It compiles the bundle
 * as bin/dittofs.js does, renders the example so that the functions a render runs are compiled, and saves their
 * compiled code. bin/dittofs.js hands the cache to V8, which skips compiling what it holds; a cache from another
 * V8 version is rejected by V8 and the bundle is compiled as usual. Measured gain: bench/README.md, figure 5.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { compileBundle } = require("../bin/load-bundle");

const bundle = path.join(__dirname, "..", "lib", "dittofs-cli.js");
const example = path.join(__dirname, "..", "examples", "dittoserver.yaml");
const { script, exports: cli } = compileBundle(bundle);
const result = cli.run(["render", "-f", example, "--hash-key", "code-cache"]);
if (result.code !== 0) throw new Error(`the example does not render:\n${result.stderr}`);
fs.writeFileSync(bundle.replace(/\.js$/, ".cache"), script.createCachedData());
