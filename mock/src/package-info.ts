import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from './spec/load-spec.js';

let version: string | undefined;

/** The package's version, from its package.json (found from src/ and dist/ alike); read once. */
export function packageVersion(): string {
  if (version === undefined) {
    const manifest = JSON.parse(readFileSync(join(findProjectRoot(), 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    version = typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  }
  return version;
}

/** Path of the openapi.yaml the package ships, served at `/__mock/openapi.yaml`. */
export function specFilePath(): string {
  return join(findProjectRoot(), 'openapi.yaml');
}
