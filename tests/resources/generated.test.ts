import { expect } from "chai";
import { syncGenerated } from "../../scripts/gen-resources";

describe("runtime resources: the generated TypeScript classes", function () {
  this.timeout(60000);

  it("are what `npm run gen:resources` makes from the kinds' data (no drift)", async () => {
    expect(await syncGenerated(false), "stale files: run npm run gen:resources").to.deep.equal([]);
  });
});
