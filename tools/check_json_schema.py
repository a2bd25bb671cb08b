#!/usr/bin/env python3
"""check_json_schema: validate a JSON document against a JSON Schema, with
only the standard library. It knows the keywords the repository's schemas
use (docs/system-report.schema.json): type (one or a list), const, enum,
properties, required, additionalProperties (false or a schema), items,
minimum, maximum, $ref to "#/$defs/...". An unknown keyword is an error, so
a schema cannot silently ask for more than is checked.

usage: check_json_schema.py SCHEMA.json DOC.json   (exit 0 and "ok", or the errors)
"""
import json
import sys

KNOWN = {'$schema', '$id', 'title', 'description', '$defs', 'type', 'const', 'enum', 'properties',
         'required', 'additionalProperties', 'items', 'minimum', 'maximum', '$ref'}
TYPES = {'object': dict, 'array': list, 'string': str, 'boolean': bool, 'null': type(None)}


def is_type(v, t):
    if t == 'integer':
        return isinstance(v, int) and not isinstance(v, bool)
    if t == 'number':
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    return isinstance(v, TYPES[t])


def validate(doc, schema, root=None, path='$'):
    root = root if root is not None else schema
    errors = []
    unknown = set(schema) - KNOWN
    if unknown:
        return [f'{path}: schema uses unsupported keywords {sorted(unknown)}']
    if '$ref' in schema:
        ref = schema['$ref']
        if not ref.startswith('#/$defs/'):
            return [f'{path}: unsupported $ref {ref}']
        return validate(doc, root['$defs'][ref[len('#/$defs/'):]], root, path)
    if 'type' in schema:
        types = schema['type'] if isinstance(schema['type'], list) else [schema['type']]
        if not any(is_type(doc, t) for t in types):
            return [f'{path}: {json.dumps(doc)[:60]} is not of type {"/".join(types)}']
    if 'const' in schema and doc != schema['const']:
        errors.append(f'{path}: {doc!r} is not {schema["const"]!r}')
    if 'enum' in schema and doc not in schema['enum']:
        errors.append(f'{path}: {doc!r} is not one of {schema["enum"]}')
    if isinstance(doc, (int, float)) and not isinstance(doc, bool):
        if 'minimum' in schema and doc < schema['minimum']:
            errors.append(f'{path}: {doc} < minimum {schema["minimum"]}')
        if 'maximum' in schema and doc > schema['maximum']:
            errors.append(f'{path}: {doc} > maximum {schema["maximum"]}')
    if isinstance(doc, dict):
        props = schema.get('properties', {})
        for k in schema.get('required', []):
            if k not in doc:
                errors.append(f'{path}: missing required "{k}"')
        for k, v in doc.items():
            if k in props:
                errors += validate(v, props[k], root, f'{path}.{k}')
            elif schema.get('additionalProperties') is False:
                errors.append(f'{path}: unexpected property "{k}"')
            elif isinstance(schema.get('additionalProperties'), dict):
                errors += validate(v, schema['additionalProperties'], root, f'{path}.{k}')
    if isinstance(doc, list) and 'items' in schema:
        for i, v in enumerate(doc):
            errors += validate(v, schema['items'], root, f'{path}[{i}]')
    return errors


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    try:
        schema, doc = (json.load(open(p)) for p in sys.argv[1:])
    except (OSError, ValueError) as e:
        print(f'check_json_schema: {e}')
        return 1
    errors = validate(doc, schema)
    for e in errors[:40]:
        print(f'{sys.argv[2]}: {e}')
    if not errors:
        print(f'ok: {sys.argv[2]} matches {sys.argv[1]}')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
