// Validates an `intreg export backstage` folder with Backstage's own catalog model.
//
// Usage: node validate.mjs EXPORT_DIR   (run from a folder whose node_modules holds the
// packages pinned in package.json beside this file; tests/outputs/test_backstage_model.py
// installs them). Starting at EXPORT_DIR/catalog-info.yaml it follows the Location's targets,
// resolves `$text` placeholders relative to each entity file as the catalog does, and applies
// the catalog backend's default entity policies and built-in kind validators. Prints a JSON
// summary {"kinds": {KIND: count}, "errors": [...]}; exit code 1 when there is any error.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';

// The policies CatalogBuilder installs by default, in its order.
const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
// BuiltinKindsEntityProcessor accepts an entity when one of these says it is valid.
const kindValidators = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

const root = resolve(process.argv[2] ?? '.');
const errors = [];
const entities = new Map(); // entity ref -> {file, kind}
const checkLater = []; // {entity, file}, for the reference check once all are read

function where(file) {
  return relative(root, file) || file;
}

// PlaceholderProcessor: an object whose only key starts with `$` is replaced by what it names.
function resolvePlaceholders(value, file) {
  if (Array.isArray(value)) return value.map(v => resolvePlaceholders(v, file));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    if (keys[0] !== '$text') throw new Error(`placeholder ${keys[0]} is not one intreg uses`);
    const target = resolve(dirname(file), value.$text);
    try {
      return readFileSync(target, 'utf8');
    } catch (e) {
      throw new Error(`$text ${value.$text}: cannot read ${where(target)}: ${e.code ?? e}`);
    }
  }
  return Object.fromEntries(keys.map(k => [k, resolvePlaceholders(value[k], file)]));
}

async function validateEntity(raw, file) {
  const entity = await policy.enforce(resolvePlaceholders(raw, file));
  let known = false;
  for (const validator of kindValidators) {
    if (await validator.check(entity)) known = true;
  }
  if (!known) throw new Error(`no built-in kind validator accepts kind ${entity.kind}`);
  return entity;
}

async function readLocation(file) {
  let documents;
  try {
    documents = parseAllDocuments(readFileSync(file, 'utf8'));
  } catch (e) {
    errors.push(`${where(file)}: cannot read: ${e.message}`);
    return;
  }
  for (const document of documents) {
    if (document.errors.length) {
      errors.push(`${where(file)}: YAML: ${document.errors[0].message}`);
      continue;
    }
    let entity;
    try {
      entity = await validateEntity(document.toJS(), file);
    } catch (e) {
      errors.push(`${where(file)}: ${e.message}`);
      continue;
    }
    const ref = stringifyEntityRef(entity);
    if (entities.has(ref)) errors.push(`${where(file)}: ${ref} is also in ${entities.get(ref).file}`);
    entities.set(ref, { file: where(file), kind: entity.kind });
    if (entity.kind === 'Location') {
      const targets = [...(entity.spec.targets ?? []), ...(entity.spec.target ? [entity.spec.target] : [])];
      for (const target of targets) await readLocation(resolve(dirname(file), target));
    }
    checkLater.push({ entity, file });
  }
}

await readLocation(resolve(root, 'catalog-info.yaml'));

// Relations the catalog would build: each reference must name an entity in the export.
const references = { owner: 'Group', system: 'System', domain: 'Domain', parent: 'Group' };
for (const { entity, file } of checkLater) {
  for (const [field, defaultKind] of Object.entries(references)) {
    const value = entity.spec?.[field];
    if (value === undefined) continue;
    const ref = stringifyEntityRef(parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }));
    if (!entities.has(ref)) errors.push(`${where(file)}: spec.${field} ${value}: no entity ${ref}`);
  }
}

// A Component's consumed and provided APIs are relations too.
for (const { entity, file } of checkLater) {
  for (const field of ['consumesApis', 'providesApis']) {
    for (const value of entity.spec?.[field] ?? []) {
      const ref = stringifyEntityRef(parseEntityRef(value, { defaultKind: 'API', defaultNamespace: 'default' }));
      if (!entities.has(ref)) errors.push(`${where(file)}: spec.${field} ${value}: no entity ${ref}`);
    }
  }
}

const kinds = {};
for (const { kind } of [...entities.values()].sort((a, b) => a.kind.localeCompare(b.kind))) {
  kinds[kind] = (kinds[kind] ?? 0) + 1;
}
process.stdout.write(`${JSON.stringify({ kinds, errors }, null, 2)}\n`);
process.exitCode = errors.length ? 1 : 0;
