import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultSpecPath, findProjectRoot, loadSpec } from './load-spec.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('findProjectRoot', () => {
  it('finds the folder whose package.json is named blaaiz-mock', () => {
    const root = findProjectRoot(here);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('blaaiz-mock');
    expect(join(root, 'mock', 'src', 'spec')).toBe(here);
  });

  it('finds the same root from the compiled output folder, whatever its depth', () => {
    const root = findProjectRoot(here);
    expect(findProjectRoot(join(root, 'dist', 'mock', 'src', 'spec'))).toBe(root);
  });

  it('fails with a clear message outside the project', () => {
    expect(() => findProjectRoot(mkdtempSync(join(tmpdir(), 'no-project-')))).toThrow(/blaaiz-mock/);
  });
});

describe('loadSpec', () => {
  it('parses the project openapi.yaml by default', () => {
    const spec = loadSpec();
    expect(spec.openapi).toBe('3.1.0');
    expect(defaultSpecPath()).toBe(join(findProjectRoot(here), 'openapi.yaml'));
    expect(Object.keys(spec.paths ?? {})).toContain('/api/external/file/get-presigned-url');
  });

  it('parses once and hands out the same frozen document', () => {
    const first = loadSpec();
    expect(loadSpec(defaultSpecPath())).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.paths)).toBe(true);
  });

  it('refuses a document that is not OpenAPI 3.1', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'spec-')), 'old.yaml');
    writeFileSync(path, 'openapi: 3.0.3\ninfo: {title: old, version: "1"}\npaths: {}\n');
    expect(() => loadSpec(path)).toThrow(/not an OpenAPI 3\.1 document/);
  });
});
