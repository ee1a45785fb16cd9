/** The wait-for-postgres init container's script, as the Feb operator's document prints it (v0.29 keeps it). */
import * as fs from "fs";
import * as path from "path";
import { SHARED } from "../helpers/samples";

export function specWaitScript(): string {
  const doc = fs.readFileSync(path.join(SHARED, "docs", "operator-behavior.md"), "utf8");
  return doc.split("Reproduce the script text exactly:")[1].split("```sh\n")[1].split("\n```")[0];
}
