import { expect } from "chai";
import { tee } from "../../src/cli/tee";

/** A source that counts how often it is read. */
function counted(values: number[]) {
  let reads = 0;
  function* gen() {
    for (const v of values) {
      reads++;
      yield v;
    }
  }
  return { source: gen(), reads: () => reads };
}

describe("cli/tee", () => {
  it("gives both readers every value in order, reading the source once", () => {
    const { source, reads } = counted([1, 2, 3, 4]);
    const [a, b] = tee(source);
    expect([...a]).to.deep.equal([1, 2, 3, 4]);
    expect([...b]).to.deep.equal([1, 2, 3, 4]);
    expect(reads()).to.equal(4);
  });

  it("works in lockstep, the way render reads a file as YAML 1.2 and 1.1", () => {
    const { source, reads } = counted([10, 20, 30]);
    const [a, b] = tee(source);
    const seen: Array<[number | undefined, number | undefined]> = [];
    for (;;) {
      const x = a.next();
      const y = b.next();
      if (x.done && y.done) break;
      seen.push([x.value, y.value]);
      expect(reads()).to.equal(seen.length);
    }
    expect(seen).to.deep.equal([
      [10, 10],
      [20, 20],
      [30, 30],
    ]);
  });

  it("lets the second reader start after the first has finished", () => {
    const [a, b] = tee(counted([1, 2]).source);
    expect(a.next().value).to.equal(1);
    expect([...a]).to.deep.equal([2]);
    expect([...b]).to.deep.equal([1, 2]);
  });

  it("passes an error of the source to the reader that hits it", () => {
    function* failing() {
      yield 1;
      throw new RangeError("Maximum call stack size exceeded");
    }
    const [a] = tee(failing());
    expect(a.next().value).to.equal(1);
    expect(() => a.next()).to.throw(RangeError);
  });
});
