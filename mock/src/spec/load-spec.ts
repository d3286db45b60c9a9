/** Locating and parsing the project's openapi.yaml, once per process. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPEC_JSON, SPEC_SHA256 } from '../generated/spec-document.js';
import type { OpenApiDocument } from './openapi-document.js';

const PACKAGE_NAME = 'blaaiz-mock';
const SPEC_FILE = 'openapi.yaml';
const cache = new Map<string, OpenApiDocument>();
const fromGeneratedCopy = new WeakSet<OpenApiDocument>();

function packageNameAt(manifestPath: string): string | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const name = (manifest as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The folder whose package.json is named `blaaiz-mock`, searched upwards from `startDir` (works from src/ and dist/). */
export function findProjectRoot(startDir: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(startDir);
  for (;;) {
    const manifestPath = join(dir, 'package.json');
    if (existsSync(manifestPath) && packageNameAt(manifestPath) === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json named "${PACKAGE_NAME}" in ${startDir} or above`);
    dir = parent;
  }
}

/** Absolute path of the project's openapi.yaml. */
export function defaultSpecPath(): string {
  return join(findProjectRoot(), SPEC_FILE);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function assertOpenApiDocument(value: unknown, path: string): asserts value is OpenApiDocument {
  const version = (value as { openapi?: unknown } | null)?.openapi;
  if (typeof version !== 'string' || !version.startsWith('3.1')) {
    throw new Error(`${path} is not an OpenAPI 3.1 document (openapi: ${String(version)})`);
  }
}

/**
 * Parses the text of openapi.yaml: from the generated JSON copy when the text is the one it was made from
 * (fast start), else with the YAML parser, loaded only then.
 */
function parseSpecText(text: string): { parsed: unknown; generated: boolean } {
  if (createHash('sha256').update(text).digest('hex') === SPEC_SHA256) {
    return { parsed: JSON.parse(SPEC_JSON), generated: true };
  }
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return { parsed: parse(text), generated: false };
}

/** Reads and parses openapi.yaml (default: the project's own) once; the result is cached and deeply frozen. */
export function loadSpec(path: string = defaultSpecPath()): OpenApiDocument {
  const absolute = resolve(path);
  const cached = cache.get(absolute);
  if (cached) return cached;
  const { parsed, generated } = parseSpecText(readFileSync(absolute, 'utf8'));
  assertOpenApiDocument(parsed, absolute);
  const frozen = deepFreeze(parsed);
  if (generated) fromGeneratedCopy.add(frozen);
  cache.set(absolute, frozen);
  return frozen;
}

/** True for a document read from the openapi.yaml that `npm run generate` last saw, so generated code fits it. */
export function isGeneratedSpec(spec: OpenApiDocument): boolean {
  return fromGeneratedCopy.has(spec);
}
