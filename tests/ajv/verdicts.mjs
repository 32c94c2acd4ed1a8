// The published schema's verdict on record files, as an editor reaches it: each file is read
// with the `yaml` package (YAML 1.2 core schema, its default) and checked by ajv's 2020-12
// validator with ajv-formats (date and the other formats asserted).
//
// Usage: node verdicts.mjs SCHEMA FILE...   (run from a folder whose node_modules holds the
// packages pinned in package.json beside this file; tests/records/test_ajv_verdicts.py
// installs them). Prints a JSON object {FILE: {"valid": bool, "errors": [...]}}; a file the
// parser refuses (duplicate keys, several documents, bad syntax) is invalid with its error.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseDocument } from 'yaml';

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

const verdicts = {};
for (const file of files) {
  let data;
  try {
    const document = parseDocument(readFileSync(file, 'utf8'));
    if (document.errors.length > 0) {
      verdicts[file] = { valid: false, errors: document.errors.map((e) => `yaml: ${e.message}`) };
      continue;
    }
    data = document.toJS();
  } catch (error) {
    verdicts[file] = { valid: false, errors: [`read: ${error.message}`] };
    continue;
  }
  const valid = validate(data);
  const errors = valid ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
  verdicts[file] = { valid, errors };
}
process.stdout.write(`${JSON.stringify(verdicts, null, 2)}\n`);
