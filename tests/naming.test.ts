/** Server names and the labels the selector reserves (src/naming.ts), through a Feb render. */
import { expect } from "chai";
import { messageOf } from "./helpers/errors";
import { render } from "./helpers/render";
import { MINIMAL } from "./helpers/specs";

describe("field groups", () => {
  it("labels: the selector's keys are reserved", () => {
    expect(messageOf(() => render("lbl", { ...MINIMAL, labels: { app: "x" } }))).to.include(
      "labels.app: is reserved for the selector",
    );
  });

  it("names: DNS-1035 labels of at most 52 characters", () => {
    expect(messageOf(() => render("Bad_Name", MINIMAL))).to.include(
      'metadata.name: "Bad_Name" must be a DNS-1035 label',
    );
    expect(messageOf(() => render("a".repeat(53), MINIMAL))).to.include(
      "is 53 characters; at most 52",
    );
    expect(() => render("a".repeat(52), MINIMAL)).not.to.throw();
  });
});
