// Evaluates FHIR R4 invariants, written in FHIRPath, with the fhirpath.js engine and its R4 model.
//
//   node fhirpath.mjs < request.json > result.json
//
// request: {"resources": [<FHIR resource>, ...],
//           "constraints": [{"key": "que-1", "context": "<FHIRPath>", "expression": "<FHIRPath>"}]}
// result:  {"failures": [{"<key>": <number of context nodes that break it>, ...}, ...]}
//          one object per resource, holding only the constraints that fail.
//
// Each constraint's expression is evaluated on every node its context selects, as a validator
// does; an empty result passes, as FHIR defines.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const fhirpath = require("fhirpath");
const r4 = require("fhirpath/fhir-context/r4");

// The specification's expressions call trace(), which writes to the console: keep stdout for the
// result.
console.log = (...args) => console.error(...args);

const request = JSON.parse(readFileSync(0, "utf8"));
const failures = request.resources.map((resource) => {
  const failed = {};
  for (const { key, context, expression } of request.constraints) {
    const [count] = fhirpath.evaluate(
      resource,
      `(${context}).where((${expression}).not()).count()`,
      null,
      r4,
    );
    if (count > 0) failed[key] = count;
  }
  return failed;
});
process.stdout.write(JSON.stringify({ failures }));
