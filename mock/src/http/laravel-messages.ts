import type { ErrorObject } from 'ajv';
import { attributeName } from '../core/result.js';
import { isProhibitedEnum } from '../spec/customer-type-fields.js';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'a valid email address',
  date: 'a valid date (YYYY-MM-DD)',
  uuid: 'a valid UUID',
  uri: 'a valid URL',
  'date-time': 'a valid date and time',
};

function fieldOf(instancePath: string, child?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.join('.');
}

/** Turns one Ajv error into a Laravel field message (`The first name field is required.`); skips wrappers. */
export function laravelMessage(error: ErrorObject): { field: string; message: string } | undefined {
  const params = error.params as Record<string, unknown>;
  const field = fieldOf(error.instancePath);
  const name = attributeName(field);
  switch (error.keyword) {
    case 'if':
    case 'allOf':
      return undefined;
    case 'required': {
      const missing = fieldOf(error.instancePath, String(params.missingProperty));
      return { field: missing, message: `The ${attributeName(missing)} field is required.` };
    }
    case 'additionalProperties': {
      const extra = fieldOf(error.instancePath, String(params.additionalProperty));
      return { field: extra, message: `The ${attributeName(extra)} field is prohibited.` };
    }
    case 'dependentRequired': {
      const missing = fieldOf(error.instancePath, String(params.missingProperty));
      const because = attributeName(fieldOf(error.instancePath, String(params.property)));
      return {
        field: missing,
        message: `The ${attributeName(missing)} field is required when ${because} is present.`,
      };
    }
    case 'not':
      return { field, message: `The ${name} field is prohibited.` };
    case 'type':
      if (field === '') return { field: 'body', message: 'The request body must be a JSON object.' };
      return {
        field,
        message: `The ${name} field must be ${TYPE_WORDS[String(params.type).split(',')[0] ?? ''] ?? 'valid'}.`,
      };
    case 'enum':
      if (isProhibitedEnum(params.allowedValues))
        return { field, message: `The ${name} field is prohibited.` };
      return { field, message: `The selected ${name} is invalid.` };
    case 'const':
      return { field, message: `The selected ${name} is invalid.` };
    case 'format':
      return {
        field,
        message: `The ${name} field must be ${FORMAT_WORDS[String(params.format)] ?? `a valid ${params.format}`}.`,
      };
    case 'pattern':
      return { field, message: `The ${name} field format is invalid.` };
    case 'maxLength':
      return { field, message: `The ${name} field must not be greater than ${params.limit} characters.` };
    case 'minLength':
      return { field, message: `The ${name} field must be at least ${params.limit} characters.` };
    case 'maximum':
      return { field, message: `The ${name} field must not be greater than ${params.limit}.` };
    case 'minimum':
      return { field, message: `The ${name} field must be at least ${params.limit}.` };
    case 'maxItems':
      return { field, message: `The ${name} field must not have more than ${params.limit} items.` };
    case 'minProperties':
      return {
        field: field || 'body',
        message: `The request must include at least ${params.limit} of the documented fields.`,
      };
    default:
      return { field: field || 'body', message: `The ${name || 'request body'} field is invalid.` };
  }
}
