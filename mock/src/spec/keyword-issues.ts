/** One Ajv error turned into an issue: the pointer to the offending value, a short message, expected vs got. */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { isProhibitedEnum } from './customer-type-fields.js';
import type { ValidationIssue } from './validation-issues.js';

const SIZE_KEYWORDS = new Set(['minItems', 'maxItems', 'minProperties', 'maxProperties']);

function childPointer(pointer: string, key: unknown): string {
  return `${pointer}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function sizeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'object' && value !== null ? Object.keys(value).length : value;
}

/** One Ajv error as an issue; `undefined` for the `if` wrapper, whose `then` errors already say it all. */
export function toIssue(error: ErrorObject): ValidationIssue | undefined {
  const { keyword, instancePath: at, data } = error;
  const params = error.params as Record<string, unknown>;
  const message = error.message ?? keyword;
  switch (keyword) {
    case 'if':
      return undefined;
    case 'required':
      return {
        pointer: childPointer(at, params.missingProperty),
        keyword,
        message: 'is required',
        expected: 'a value',
      };
    case 'dependentRequired':
      return {
        pointer: childPointer(at, params.missingProperty),
        keyword,
        message: `is required when ${String(params.property)} is present`,
        expected: 'a value',
      };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return {
        pointer: childPointer(at, key),
        keyword,
        message: 'is not allowed',
        got: (data as Record<string, unknown>)[key],
      };
    }
    case 'false schema':
      return { pointer: at, keyword, message: 'is not allowed', got: data };
    case 'enum':
      if (isProhibitedEnum(params.allowedValues)) {
        return {
          pointer: at,
          keyword: 'prohibited',
          message: 'is not allowed for this customer type',
          expected: 'absent, null or empty',
          got: data,
        };
      }
      return { pointer: at, keyword, message, expected: params.allowedValues, got: data };
    case 'const':
      return { pointer: at, keyword, message, expected: params.allowedValue, got: data };
    case 'type':
      return { pointer: at, keyword, message, expected: params.type, got: data };
    case 'format':
    case 'pattern':
      return { pointer: at, keyword, message, expected: `${keyword} ${String(params[keyword])}`, got: data };
    default:
      if ('limit' in params) {
        return {
          pointer: at,
          keyword,
          message,
          expected: params.limit,
          got: SIZE_KEYWORDS.has(keyword) ? sizeOf(data) : data,
        };
      }
      return { pointer: at, keyword, message, got: data };
  }
}
