"use strict";
/**
 * Experiment: concatenate the CommonJS module graph reachable from an entry file (relative and package requires,
 * builtins left to Node, JSON left to Node) into ONE file, to measure what Node's per-module loading costs the
 * render path. Not a production bundler (no cycles beyond CJS semantics, no dynamic requires, no source maps).
 *
 *   node bench/experiments/cjs-bundle.js ENTRY.js OUT.js
 */
const fs = require("fs");
const path = require("path");
const { isBuiltin } = require("module");

function bundle(entry, out) {
  const mods = new Map();
  const add = (file) => {
    if (mods.has(file)) return;
    mods.set(file, null);
    const src = fs.readFileSync(file, "utf8");
    const deps = {};
    for (const m of src.matchAll(/require\((['"])([^'"]+)\1\)/g)) {
      const spec = m[2];
      if (isBuiltin(spec)) continue;
      const resolved = spec.startsWith(".")
        ? require.resolve(path.resolve(path.dirname(file), spec))
        : require.resolve(spec, { paths: [path.dirname(file)] });
      if (resolved.endsWith(".json")) continue;
      deps[spec] = resolved;
      add(resolved);
    }
    mods.set(file, { src, deps });
  };
  add(path.resolve(entry));
  let text =
    '"use strict";\nconst __defs = {};\nconst __cache = {};\n' +
    "function __req(f) {\n  if (__cache[f]) return __cache[f].exports;\n  const module = { exports: {} };\n" +
    "  __cache[f] = module;\n  __defs[f](module, module.exports);\n  return module.exports;\n}\n";
  for (const [file, { src, deps }] of mods) {
    text +=
      `__defs[${JSON.stringify(file)}] = function (module, exports) {\n` +
      `const require = (s) => { const d = ${JSON.stringify(deps)}[s]; return d ? __req(d) : __nodeRequire(s); };\n` +
      `${src.replace(/^#!.*/, "")}\n};\n`;
  }
  text += `const __nodeRequire = require;\nmodule.exports = __req(${JSON.stringify(path.resolve(entry))});\n`;
  fs.writeFileSync(out, text);
  return mods.size;
}

if (require.main === module) {
  const [entry, out] = process.argv.slice(2);
  console.error(`${bundle(entry, out)} modules -> ${out}`);
}
module.exports = { bundle };
