/** Where the Feb pod's S3 credentials come from when passed in secretValues. */
import { expect } from "chai";
import { find, container, type Obj } from "../../helpers/objects";
import { render } from "../../helpers/render";
import { MINIMAL } from "../../helpers/specs";

describe("field groups", () => {
  it("secretValues.s3: an owned <name>-s3-credentials Secret feeds the AWS env, region defaulted", () => {
    const r = render("s3v", {
      ...MINIMAL,
      secretValues: { s3: { accessKeyId: "AKID", secretAccessKey: "SAK" } },
    });
    expect(Object.keys(find(r, "Secret", "s3v-s3-credentials").data)).to.deep.equal([
      "accessKeyId",
      "secretAccessKey",
    ]);
    const env = container(r, "s3v").env as Obj[];
    expect(env.find((e) => e.name === "AWS_ACCESS_KEY_ID")!.valueFrom.secretKeyRef).to.deep.equal({
      name: "s3v-s3-credentials",
      key: "accessKeyId",
    });
    expect(env.find((e) => e.name === "AWS_REGION")).to.deep.equal({
      name: "AWS_REGION",
      value: "eu-west-1",
    });
  });
});
