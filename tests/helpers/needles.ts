/** What a leak scan looks for: a secret value as plaintext and as base64 at each of the three byte alignments. */

/** The plaintext and its base64 at the three alignments (edges that mix in neighbouring bytes cut off). */
export function needles(value: string): string[] {
  const out = [value];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(value)]).toString("base64");
    const start = offset === 0 ? 0 : 4;
    const whole = Math.floor((offset + Buffer.byteLength(value)) / 3) * 4;
    out.push(encoded.slice(start, whole));
  }
  return out.filter((n) => n.length >= 12);
}

/** Each value of `values` (by its needles) that `text` contains. */
export function leaked(text: string, values: string[]): string[] {
  return values.filter((v) => needles(v).some((n) => text.includes(n)));
}
