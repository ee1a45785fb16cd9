import { expect } from "chai";
import { observedSize, parseByteSize } from "../../../src/resources/kinds/byte-size";
import { observedDuration, parseDuration } from "../../../src/resources/kinds/duration";

describe("byte sizes and durations as the server takes and shows them", () => {
  it("parses sizes as the server does", () => {
    expect(parseByteSize("10GiB")).to.equal(10 * 1024 ** 3);
    expect(parseByteSize("1.5K")).to.equal(1500);
    expect(parseByteSize("0")).to.equal(0);
    expect(Number.isNaN(parseByteSize("-1GiB"))).to.equal(true);
  });

  it("keeps the inputs' size when the server's two-decimal display is that size", () => {
    expect(observedSize("10.00GiB", "10GiB")).to.equal("10GiB");
    expect(observedSize("9.31GiB", "10GB")).to.equal("10GB");
    expect(observedSize("20.00GiB", "10GiB")).to.equal("20GiB");
    expect(observedSize("1.50GiB", undefined)).to.equal("1.5GiB");
    expect(observedSize(undefined, "0")).to.equal("0");
    expect(observedSize(undefined, "1GiB")).to.equal(undefined);
  });

  it("parses Go durations and the schedule shorthands", () => {
    expect(parseDuration("1h30m")).to.equal(5400e9);
    expect(parseDuration("@daily")).to.equal(parseDuration("24h0m0s"));
    expect(Number.isNaN(parseDuration("3d"))).to.equal(true);
    expect(observedDuration("72h0m0s", "72h")).to.equal("72h");
    expect(observedDuration("1h0m0s", "72h")).to.equal("1h");
    expect(observedDuration("1h30m0s", undefined)).to.equal("1h30m");
    expect(observedDuration("1h0m30s", undefined)).to.equal("1h0m30s");
  });
});
