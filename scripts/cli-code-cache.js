/**
 * `npm run bundle`, second step: V8's code cache for the bundled CLI (lib/dittofs-cli.cache). It compiles the bundle
 * as bin/dittofs.js does, renders a DittoServer of each object model so that the functions a render runs are
 * compiled, and saves their compiled code. bin/dittofs.js hands the cache to V8, which skips compiling what it holds;
 * a cache from another V8 version is rejected by V8 and the bundle is compiled as usual. Gain: bench/README.md.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { compileBundle } = require("../bin/load-bundle");

const bundle = path.join(__dirname, "..", "lib", "dittofs-cli.js");
const { script, exports: cli } = compileBundle(bundle);
const server = (name, release) => `---
apiVersion: dittofs.dittofs.com/v1alpha1
kind: DittoServer
metadata: {name: ${name}, annotations: {dittofs.io/operator-release: "${release}"}}
spec: {storage: {metadataSize: 1Gi}, metrics: {enabled: true}}
`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-code-cache-"));
try {
  const input = path.join(dir, "servers.yaml");
  fs.writeFileSync(input, server("today", "v0.29") + server("feb", "2026-02"));
  const result = cli.run(["render", "-f", input, "--hash-key", "code-cache"]);
  if (result.code !== 0) throw new Error(`the warm-up render failed:\n${result.stderr}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
fs.writeFileSync(bundle.replace(/\.js$/, ".cache"), script.createCachedData());
