/**
 * One iterator read by two consumers: each value is taken from the source once and kept only until both have read it.
 * Render reads its input as YAML 1.2 and YAML 1.1 (yaml-versions.ts) from one tokenisation: lexing a file twice cost
 * about as much as the rest of a render (`npm run bench`, figure 5).
 */
export function tee<T>(source: Iterator<T>): [Generator<T>, Generator<T>] {
  const buffer: T[] = [];
  /** How many values were dropped from the front of `buffer`: the index of `buffer[0]`. */
  let dropped = 0;
  const read = [0, 0];
  function* reader(me: 0 | 1): Generator<T> {
    for (;;) {
      const i = read[me];
      if (i - dropped === buffer.length) {
        const step = source.next();
        if (step.done) return;
        buffer.push(step.value);
      }
      const value = buffer[i - dropped];
      read[me] = i + 1;
      const both = Math.min(read[0], read[1]);
      if (both > dropped) {
        buffer.splice(0, both - dropped);
        dropped = both;
      }
      yield value;
    }
  }
  return [reader(0), reader(1)];
}
