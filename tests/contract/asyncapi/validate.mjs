// Validate an AsyncAPI document with the official parser (@asyncapi/parser), then each message
// example (payload and headers) against the message's schemas with ajv: the parser's AsyncAPI 3
// ruleset does not check examples itself.
//
//   node validate.mjs DOC.yaml                      parse + examples; exit 1 on any error
//   node validate.mjs DOC.yaml MESSAGE < values.json  also check a JSON array of payloads
//                                                      against message MESSAGE's payload schema
// Prints one JSON line per problem.
import { readFileSync } from "node:fs";
import { Parser, fromFile } from "@asyncapi/parser";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [path, extraMessage] = process.argv.slice(2);
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, path).parse();
let problems = 0;
for (const d of diagnostics) {
  console.log(JSON.stringify({ kind: "diagnostic", severity: d.severity, code: d.code, path: d.path.join("."), message: d.message }));
  if (d.severity === 0) problems += 1;
}
if (!document) {
  console.error(`${path}: not parsed`);
  process.exit(1);
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const check = (schema, value, where) => {
  if (!schema) return;
  const validate = ajv.compile(schema);
  if (!validate(value)) {
    problems += 1;
    console.log(JSON.stringify({ kind: "invalid", where, errors: validate.errors }));
  }
};

let examples = 0;
for (const message of document.messages()) {
  const payload = message.payload()?.json();
  const headers = message.headers()?.json();
  for (const example of message.examples()) {
    examples += 1;
    const where = `${message.id()} example ${example.name() ?? ""}`;
    if (example.hasPayload()) check(payload, example.payload(), `${where} payload`);
    if (example.hasHeaders()) check(headers, example.headers(), `${where} headers`);
  }
}

let extra = 0;
if (extraMessage) {
  const message = document.messages().all().find((m) => m.id() === extraMessage);
  if (!message) {
    console.error(`no message ${extraMessage}`);
    process.exit(2);
  }
  const values = JSON.parse(readFileSync(0, "utf8"));
  values.forEach((value, i) => check(message.payload().json(), value, `${extraMessage} value ${i}`));
  extra = values.length;
}

const summary = `${path}: AsyncAPI ${document.version()}, ${document.channels().length} channels, ${document.messages().length} messages, ${examples} examples` + (extra ? `, ${extra} values` : "") + `, ${problems} problem(s)`;
console.error(summary);
process.exit(problems ? 1 : 0);
