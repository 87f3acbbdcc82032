/// <reference types="miniprogram-api-typings" />
/**
 * Builds the mini-program once per test file into a temp folder (the same build function as
 * `npm run build:miniprogram`, plus TDesign as CommonJS so Node can load it), and loads its
 * compiled modules with Node's require — the very JavaScript DevTools runs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuildResult {
  root: string;
  generated: Map<string, string | Buffer>;
  components: string[];
  sizes: { main: number; subpackages: Record<string, number>; total: number; files: number };
}

interface BuildModule {
  buildMiniprogram(options: { outDir?: string; forNode?: boolean }): Promise<BuildResult>;
  measure(root: string): BuildResult['sizes'];
  reportSizes(sizes: BuildResult['sizes'], log?: (line: string) => void): string[];
  smokeTest(code: string): void;
  tdesignClosure(components: string[]): string[];
  BUDGET: { mainBytes: number; subpackageBytes: number; totalBytes: number };
  SOURCE_DIR: string;
}

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BUILD_SCRIPT = join(REPO, 'scripts/build-miniprogram.mjs');

/** The build script's exports (a plain .mjs, so it is typed here). */
export async function buildModule(): Promise<BuildModule> {
  return (await import(BUILD_SCRIPT)) as BuildModule;
}

let built: Promise<{ root: string }> | undefined;
let dir: string | undefined;

/**
 * Builds into a fresh temp folder once per test file; later calls share the result. The build
 * runs in its own Node process: esbuild refuses to run inside a jsdom environment.
 */
export function buildOnce(): Promise<{ root: string }> {
  built ??= (async () => {
    dir = mkdtempSync(join(tmpdir(), 'erescue-mp-test-'));
    const root = join(dir, 'miniprogram');
    await new Promise<void>((done, fail) =>
      execFile(process.execPath, [BUILD_SCRIPT, '--out', root, '--for-node'], { cwd: REPO }, (err, _stdout, stderr) =>
        err ? fail(new Error(`build failed: ${stderr || err.message}`)) : done(),
      ),
    );
    return { root };
  })();
  return built;
}

/** Removes the temp build (afterAll). */
export function cleanBuild(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  built = undefined;
  dir = undefined;
}

const nodeRequire = createRequire(import.meta.url);

/**
 * Requires a compiled module of the build (e.g. "services/http"). `fresh` drops every module
 * of the build from Node's cache first, so module state (a login in flight, listeners) starts
 * clean.
 */
export function mp<T>(root: string, rel: string, fresh = false): T {
  if (fresh) {
    for (const key of Object.keys(nodeRequire.cache)) if (key.startsWith(root)) delete nodeRequire.cache[key];
  }
  return nodeRequire(join(root, rel)) as T;
}

/** Drops the build's modules from the cache (a new "app launch"). */
export function resetModules(root: string): void {
  for (const key of Object.keys(nodeRequire.cache)) if (key.startsWith(root)) delete nodeRequire.cache[key];
}
