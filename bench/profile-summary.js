"use strict";
/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package / file.
 *   node bench/profile-summary.js FILE.cpuprofile [topN]
 */
const fs = require("fs");

function summarise(file, top = 25) {
  const prof = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) {
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map();
  const byPkg = new Map();
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    const url = cf.url.replace(/^file:\/\//, "");
    const fn = `${cf.functionName || "(anonymous)"} ${url.replace(/.*node_modules\//, "")}:${cf.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const pkg = m
      ? m[1]
      : url.includes("/lib/")
        ? "dittofs lib/"
        : url === ""
          ? `(${cf.functionName})`
          : "node:internal";
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
  }
  const rows = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`,
      );
  // Inclusive time per function (each sample counted once per function on its stack).
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const cf = n.callFrame;
    const url = cf.url
      .replace(/^file:\/\//, "")
      .replace(/.*node_modules\//, "")
      .replace(/.*\/main\//, "");
    return `${cf.functionName || "(anonymous)"} ${url}:${cf.lineNumber + 1}`;
  };
  const inclusive = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const l = label(byId.get(n));
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  return [
    `total ${(total / 1000).toFixed(1)} ms`,
    "by package:",
    ...rows(byPkg),
    "by function (self):",
    ...rows(byFn),
    "by function (inclusive):",
    ...rows(inclusive),
  ].join("\n");
}

if (require.main === module) {
  console.log(summarise(process.argv[2], Number(process.argv[3] ?? 25)));
}
module.exports = { summarise };
