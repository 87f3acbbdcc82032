#!/usr/bin/env node
/**
 * Builds the residents' WeChat mini-program in place, so WeChat DevTools can open it through
 * project.config.json (miniprogramRoot "miniprogram/") and the tests can load it:
 *
 *  1. lib/shared.js   shared/ (zod contract, policy engine, errors, crisis words …) bundled with
 *                     zod into one CommonJS file, zod jitless (no eval / new Function there);
 *  2. **\/*.js        every other .ts compiled to CommonJS beside it (one file per module, so
 *                     services stay singletons across pages);
 *  3. miniprogram_npm/tdesign-miniprogram
 *                     the TDesign components the pages name in usingComponents, with the files
 *                     they need (what DevTools' "构建 npm" does, without the unused components);
 *  4. assets/tabbar/  tab-bar icons, drawn here (outline when idle, filled when selected);
 *  5. a size report: fails when the main package is over budget.
 *
 * Every .js under miniprogram/ outside miniprogram_npm is an output: never write one by hand.
 *
 *   node scripts/build-miniprogram.mjs            build in place, print sizes
 *   node scripts/build-miniprogram.mjs --check    build to a temp dir; exit 1 when the in-place
 *                                                 output is missing or stale
 *   node scripts/build-miniprogram.mjs --size     print sizes of the in-place build, check budget
 *   node scripts/build-miniprogram.mjs --watch    rebuild on every change (DevTools reloads)
 *   node scripts/build-miniprogram.mjs --out DIR --for-node
 *                                                 a copy in DIR that Node can load (tests)
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, Script } from 'node:vm';
import { deflateSync } from 'node:zlib';
import { build as esbuild, transform } from 'esbuild';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_DIR = join(repo, 'miniprogram');
const TDESIGN_DIST = join(repo, 'node_modules/tdesign-miniprogram/miniprogram_dist');
const TDESIGN_NPM = 'miniprogram_npm/tdesign-miniprogram';

/** WeChat's limit is 2 MB per package; we keep the main package far below it. */
export const BUDGET = { mainBytes: 1.5 * 1024 * 1024, subpackageBytes: 2 * 1024 * 1024, totalBytes: 20 * 1024 * 1024 };

/** Syntax level of the output: async/await stay, newer syntax is lowered for old phones. */
const TARGET = 'es2017';

/** Source-only files and folders: never uploaded, never counted (mirrors packOptions.ignore). */
const NOT_UPLOADED = [/\.ts$/, /(^|\/)tsconfig\.json$/, /(^|\/)README\.md$/, /(^|\/)\.gitignore$/, /\.map$/, /^typings\//];

const posix = (p) => p.split(sep).join('/');

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Writes only when the content changed, so DevTools does not reload for nothing. */
function writeIfChanged(path, content) {
  const buffer = typeof content === 'string' ? Buffer.from(content) : content;
  if (existsSync(path) && readFileSync(path).equals(buffer)) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, buffer);
  return true;
}

// ---------------------------------------------------------------- 1. shared bundle

/**
 * The members of `z` the mini-program may use. shared/ writes `import { z } from 'zod'`, and a
 * namespace object keeps every member alive, which would ship zod's 40 locales, JSON Schema and
 * the eval-based compiler (≈ 400 KB). This plugin hands shared/ a `z` with these members only;
 * a member used by shared/ but missing here fails the build (esbuild's missing-import warning).
 */
const ZOD_MEMBERS = [
  'object', 'strictObject', 'looseObject', 'string', 'number', 'boolean', 'array', 'tuple', 'literal', 'enum',
  'union', 'discriminatedUnion', 'intersection', 'optional', 'nullable', 'nullish', 'record', 'iso', 'unknown',
  'any', 'null', 'undefined', 'date', 'int', 'custom', 'preprocess', 'lazy', 'ZodError', 'ZodType', 'NEVER',
];

const zodSlim = {
  name: 'zod-slim',
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'zod-slim' }));
    build.onResolve({ filter: /^zod-members$/ }, () => ({ path: 'members', namespace: 'zod-slim' }));
    build.onLoad({ filter: /.*/, namespace: 'zod-slim' }, (args) => ({
      resolveDir: join(repo, 'node_modules/zod'),
      loader: 'js',
      contents:
        args.path === 'zod'
          ? "import * as z from 'zod-members';\nexport { z };\nexport { config } from './v4/classic/external.js';\n"
          : `export { ${ZOD_MEMBERS.join(', ')} } from './v4/classic/external.js';\n`,
    }));
  },
};

/** Bundles lib/shared.ts (and the part of zod it needs) into lib/shared.js. */
async function bundleShared() {
  const result = await esbuild({
    plugins: [zodSlim],
    entryPoints: [join(SOURCE_DIR, 'lib/shared.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: TARGET,
    minify: true,
    legalComments: 'none',
    // Old base libraries lack globalThis; zod keeps its config on it.
    define: { globalThis: '__mpGlobal' },
    banner: {
      js: '/* Generated by scripts/build-miniprogram.mjs from lib/shared.ts: do not edit. */\nvar __mpGlobal=typeof globalThis!=="undefined"?globalThis:typeof global!=="undefined"?global:{};',
    },
    metafile: true,
    logLevel: 'silent',
  });
  if (result.warnings.length) {
    const text = result.warnings.map((w) => `${w.location?.file ?? ''}:${w.location?.line ?? ''} ${w.text}`).join('\n');
    throw new Error(`bundling lib/shared.ts gave warnings:\n${text}`);
  }
  // Every `z.member` the bundled shared/ files use must be in ZOD_MEMBERS (types aside).
  const missing = new Set();
  for (const input of Object.keys(result.metafile.inputs)) {
    if (!input.startsWith('shared/') && !input.startsWith('miniprogram/')) continue;
    const code = readFileSync(join(repo, input), 'utf8');
    for (const [, member] of code.matchAll(/\bz\.(\w+)/g)) {
      if (!ZOD_MEMBERS.includes(member) && !['infer', 'input', 'output'].includes(member)) missing.add(`${member} (${input})`);
    }
  }
  if (missing.size) throw new Error(`shared/ uses zod members the mini-program bundle leaves out; add them to ZOD_MEMBERS: ${[...missing].join(', ')}`);
  const code = result.outputFiles[0].text;
  smokeTest(code);
  return code;
}

/**
 * Loads the bundle the way a mini-program would: no eval, no new Function (V8 refuses code
 * generation from strings in this context), then builds and runs the schemas once.
 */
export function smokeTest(code) {
  const context = createContext({}, { codeGeneration: { strings: false, wasm: false } });
  const module = { exports: {} };
  context.module = module;
  context.exports = module.exports;
  try {
    new Script(`(function (module, exports) {${code}\n})(module, exports)`, { filename: 'lib/shared.js' }).runInContext(context);
    const shared = module.exports;
    shared.eligibilityRequestSchema.parse({ regionCode: '610113004', residence: 'urban', members: [{ relation: 'self', age: 40 }] });
    const application = shared.createApplicationRequestSchema({ today: '2026-01-01' }).safeParse({});
    if (application.success) throw new Error('an empty application passed validation');
  } catch (err) {
    throw new Error(`lib/shared.js does not run without eval: ${err.message}`);
  }
}

// ---------------------------------------------------------------- 2. per-file TypeScript

/** The .ts files that compile to a .js beside them. */
function typeScriptSources(root) {
  return walk(root)
    .map((f) => posix(relative(root, f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .filter((f) => !f.startsWith('miniprogram_npm/') && !f.startsWith('typings/') && !f.startsWith('lib/'));
}

async function compileTs(code, file) {
  const out = await transform(code, { loader: 'ts', format: 'cjs', target: TARGET, sourcefile: file, logLevel: 'silent' });
  return out.code;
}

// ---------------------------------------------------------------- 3. TDesign subset

const JS_DEPS = /(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;
const JS_PATHS = /["'](\.\.?\/[\w./-]+)["']/g; // relations: { '../cell-group/cell-group': … }
const WXML_DEPS = /<(?:import|include|wxs)\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/g;
const WXSS_DEPS = /@import\s+["']([^"']+)["']/g;
const WXS_DEPS = /require\(\s*["']([^"']+)["']\s*\)/g;

/** The tdesign component bases (e.g. "button/button") named by usingComponents anywhere. */
function tdesignComponentsUsed(root) {
  const used = new Set();
  for (const file of walk(root)) {
    if (!file.endsWith('.json') || posix(relative(root, file)).startsWith('miniprogram_npm/')) continue;
    let json;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    for (const target of Object.values(json.usingComponents ?? {})) {
      const m = /(?:^|\/)tdesign-miniprogram\/(.+)$/.exec(String(target));
      if (m) used.add(m[1]);
    }
  }
  return [...used].sort();
}

/** Every file of the TDesign dist the used components need, relative to the dist root. */
export function tdesignClosure(components) {
  const files = new Set();
  const packages = new Set();
  const queue = [];
  const exists = (rel) => existsSync(join(TDESIGN_DIST, rel)) && statSync(join(TDESIGN_DIST, rel)).isFile();
  const add = (rel) => {
    rel = posix(rel);
    if (files.has(rel) || !exists(rel)) return false;
    files.add(rel);
    queue.push(rel);
    return true;
  };
  const addComponent = (base) => {
    for (const ext of ['.js', '.json', '.wxml', '.wxss']) add(base + ext);
  };
  const resolveRel = (from, spec, exts) => {
    const base = posix(join(dirname(from), spec));
    for (const candidate of [base, ...exts.map((e) => base + e), ...exts.map((e) => `${base}/index${e}`)]) {
      if (exists(candidate)) return candidate;
    }
    return undefined;
  };
  for (const c of components) addComponent(c);
  while (queue.length) {
    const file = queue.shift();
    const text = readFileSync(join(TDESIGN_DIST, file), 'utf8');
    const ext = file.slice(file.lastIndexOf('.'));
    if (ext === '.json') {
      for (const spec of Object.values(JSON.parse(text).usingComponents ?? {})) addComponent(posix(join(dirname(file), spec)));
    } else if (ext === '.js') {
      for (const [, spec] of text.matchAll(JS_DEPS)) {
        if (spec.startsWith('.')) {
          const hit = resolveRel(file, spec, ['.js']);
          if (hit) add(hit);
        } else {
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          if (existsSync(join(TDESIGN_DIST, 'miniprogram_npm', name))) packages.add(name);
        }
      }
      for (const [, spec] of text.matchAll(JS_PATHS)) {
        const base = posix(join(dirname(file), spec));
        if (exists(`${base}.json`)) addComponent(base);
      }
    } else if (ext === '.wxml') {
      for (const [, spec] of text.matchAll(WXML_DEPS)) {
        const hit = resolveRel(file, spec, ['.wxml', '.wxs']);
        if (hit) add(hit);
      }
    } else if (ext === '.wxss') {
      for (const [, spec] of text.matchAll(WXSS_DEPS)) {
        const hit = resolveRel(file, spec, ['.wxss']);
        if (hit) add(hit);
      }
    } else if (ext === '.wxs') {
      for (const [, spec] of text.matchAll(WXS_DEPS)) {
        const hit = resolveRel(file, spec, ['.wxs']);
        if (hit) add(hit);
      }
    }
  }
  // Nested npm packages (tslib, dayjs …) are copied whole: DevTools resolves them from the
  // nearest miniprogram_npm up the tree, as Node does with node_modules.
  for (const name of packages) {
    for (const f of walk(join(TDESIGN_DIST, 'miniprogram_npm', name))) {
      if (!f.endsWith('.d.ts')) files.add(posix(relative(TDESIGN_DIST, f)));
    }
  }
  return [...files].sort();
}

/**
 * For tests only: TDesign ships ES modules that DevTools converts; Node needs CommonJS, with bare
 * imports pointing at the nested miniprogram_npm the way WeChat resolves them.
 */
async function tdesignForNode(rel, code, npmRoot) {
  let out = (await transform(code, { loader: 'js', format: 'cjs', target: 'es2019', logLevel: 'silent' })).code;
  out = out.replace(/require\("([^".][^"]*)"\)/g, (whole, spec) => {
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    // Checked in the dist: the copy under npmRoot is written after all files are transformed.
    if (!existsSync(join(TDESIGN_DIST, 'miniprogram_npm', name))) return whole;
    let target = posix(relative(dirname(join(npmRoot, rel)), join(npmRoot, 'miniprogram_npm', spec)));
    if (!target.startsWith('.')) target = `./${target}`;
    return `require(${JSON.stringify(target)})`;
  });
  return out;
}

// ---------------------------------------------------------------- 4. tab-bar icons

const TAB_ICONS = ['home', 'chat', 'cases', 'me'];
const ICON_SIZE = 81;
const ICON_COLORS = { idle: [74, 74, 74], active: [0, 82, 217] };

/** Signed distance helpers (pixels; negative inside). */
const sdCircle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const sdBox = (x, y, cx, cy, hw, hh, r = 0) => {
  const dx = Math.abs(x - cx) - hw + r;
  const dy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
};
const sdTriangleUp = (x, y, cx, top, halfBase, bottom) => {
  // Isosceles triangle, apex at (cx, top), base from cx±halfBase at y = bottom.
  const h = bottom - top;
  const side = (Math.abs(x - cx) * h - halfBase * (y - top)) / Math.hypot(h, halfBase);
  return Math.max(side, y - bottom, top - y);
};
const union = (...d) => Math.min(...d);

/** Each icon as a shape function; drawn filled (selected) or as a 5 px outline (idle). */
const SHAPES = {
  home: (x, y) => union(sdTriangleUp(x, y, 40.5, 10, 32, 38), sdBox(x, y, 40.5, 52, 22, 17)),
  chat: (x, y) => union(sdBox(x, y, 40.5, 34, 30, 21, 9), sdTriangleUp(x, -y, 26, -68, 8, -50)),
  cases: (x, y) => union(sdBox(x, y, 40.5, 40.5, 26, 31, 6)),
  me: (x, y) => union(sdCircle(x, y, 40.5, 26, 14), sdBox(x, y, 40.5, 62, 26, 13, 12)),
};
/** Lines drawn across the shapes (knocked out when filled, ink when outlined). */
const DETAILS = {
  home: (x, y) => sdBox(x, y, 40.5, 58, 6, 11),
  chat: (x, y) => Math.min(sdCircle(x, y, 28, 34, 4), sdCircle(x, y, 40.5, 34, 4), sdCircle(x, y, 53, 34, 4)),
  cases: (x, y) => Math.min(sdBox(x, y, 40.5, 26, 15, 2.5), sdBox(x, y, 40.5, 40.5, 15, 2.5), sdBox(x, y, 40.5, 55, 15, 2.5)),
  me: () => Infinity,
};

function crc32(buf) {
  let c;
  const table = crc32.table ?? (crc32.table = Array.from({ length: 256 }, (_, n) => {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function png(width, height, rgba) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A tab icon: filled when selected, outlined when idle, so the state never rests on colour. */
export function tabIcon(name, selected) {
  const shape = SHAPES[name];
  const detail = DETAILS[name];
  const [r, g, b] = selected ? ICON_COLORS.active : ICON_COLORS.idle;
  const rgba = Buffer.alloc(ICON_SIZE * ICON_SIZE * 4);
  const coverage = (d) => Math.max(0, Math.min(1, 0.5 - d)); // 1 px anti-aliasing
  for (let py = 0; py < ICON_SIZE; py++) {
    for (let px = 0; px < ICON_SIZE; px++) {
      const x = px + 0.5;
      const y = py + 0.5;
      const d = shape(x, y);
      const k = detail(x, y);
      const alpha = selected ? coverage(d) * (1 - coverage(k)) : Math.max(coverage(Math.abs(d) - 2.5), coverage(k) * coverage(d));
      const i = (py * ICON_SIZE + px) * 4;
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return png(ICON_SIZE, ICON_SIZE, rgba);
}

// ---------------------------------------------------------------- 5. sizes

function isUploaded(rel) {
  return !NOT_UPLOADED.some((re) => re.test(rel));
}

/** Bytes of the main package, of each subpackage and in total, as WeChat would count them. */
export function measure(root) {
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
  const sizes = { main: 0, subpackages: Object.fromEntries(roots.map((r) => [r, 0])), total: 0, files: 0 };
  for (const file of walk(root)) {
    const rel = posix(relative(root, file));
    if (!isUploaded(rel)) continue;
    const bytes = statSync(file).size;
    const sub = roots.find((r) => rel.startsWith(r));
    if (sub) sizes.subpackages[sub] += bytes;
    else sizes.main += bytes;
    sizes.total += bytes;
    sizes.files++;
  }
  return sizes;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Prints the size table; returns the budget breaches. */
export function reportSizes(sizes, log = console.log) {
  const problems = [];
  const row = (name, bytes, note = '') => log(`  ${name.padEnd(34)}${kb(bytes).padStart(10)}${note ? `   ${note}` : ''}`);
  log(`mini-program size (uncompressed, uploaded files only):`);
  row('main package', sizes.main, `budget ${kb(BUDGET.mainBytes)} (WeChat's limit: 2048.0 KB)`);
  for (const [root, bytes] of Object.entries(sizes.subpackages)) {
    row(`subpackage ${root}`, bytes);
    if (bytes > BUDGET.subpackageBytes) problems.push(`subpackage ${root} is ${kb(bytes)}, over ${kb(BUDGET.subpackageBytes)}`);
  }
  row('total', sizes.total, `${sizes.files} files`);
  if (sizes.main > BUDGET.mainBytes) problems.push(`main package is ${kb(sizes.main)}, over the budget of ${kb(BUDGET.mainBytes)}`);
  if (sizes.total > BUDGET.totalBytes) problems.push(`total is ${kb(sizes.total)}, over ${kb(BUDGET.totalBytes)}`);
  return problems;
}

// ---------------------------------------------------------------- the build

/**
 * Builds the mini-program. `outDir` defaults to the source tree (in place); any other folder
 * gets a copy of the sources first. `forNode` also turns TDesign into CommonJS so Node (tests
 * with miniprogram-simulate) can load it; DevTools does not need that.
 * Returns the generated files (relative paths) and the sizes.
 */
export async function buildMiniprogram({ outDir = SOURCE_DIR, forNode = false } = {}) {
  const root = resolve(outDir);
  if (root !== SOURCE_DIR) {
    rmSync(root, { recursive: true, force: true });
    cpSync(SOURCE_DIR, root, {
      recursive: true,
      filter: (src) => {
        const rel = posix(relative(SOURCE_DIR, src));
        return rel !== 'miniprogram_npm' && !(rel.endsWith('.js') && !rel.startsWith('miniprogram_npm/'));
      },
    });
  }
  const generated = new Map(); // relative path → content

  generated.set('lib/shared.js', await bundleShared());

  const sources = typeScriptSources(root);
  await Promise.all(
    sources.map(async (rel) => {
      generated.set(rel.replace(/\.ts$/, '.js'), await compileTs(readFileSync(join(root, rel), 'utf8'), rel));
    }),
  );

  const components = tdesignComponentsUsed(root);
  const npmFiles = tdesignClosure(components);
  const npmRoot = join(root, TDESIGN_NPM);
  for (const rel of npmFiles) {
    let content = readFileSync(join(TDESIGN_DIST, rel));
    if (forNode && rel.endsWith('.js')) content = Buffer.from(await tdesignForNode(rel, content.toString('utf8'), npmRoot));
    generated.set(`${TDESIGN_NPM}/${rel}`, content);
  }

  for (const name of TAB_ICONS) {
    generated.set(`assets/tabbar/${name}.png`, tabIcon(name, false));
    generated.set(`assets/tabbar/${name}-active.png`, tabIcon(name, true));
  }

  let changed = 0;
  for (const [rel, content] of generated) if (writeIfChanged(join(root, rel), content)) changed++;

  // Outputs whose source is gone: a .js with no .ts beside it, npm files no longer needed.
  const removed = [];
  for (const file of walk(root)) {
    const rel = posix(relative(root, file));
    const stale =
      (rel.endsWith('.js') && !rel.startsWith('miniprogram_npm/') && !generated.has(rel)) ||
      (rel.startsWith('miniprogram_npm/') && !generated.has(rel)) ||
      (rel.startsWith('assets/tabbar/') && !generated.has(rel));
    if (stale) {
      rmSync(file);
      removed.push(rel);
    }
  }
  return { root, generated, changed, removed, components, sizes: measure(root) };
}

/** Compares the in-place build with a fresh one; returns the stale or missing paths. */
export async function checkInPlace() {
  const tmp = mkdtempSync(join(tmpdir(), 'erescue-mp-check-'));
  try {
    const fresh = await buildMiniprogram({ outDir: join(tmp, 'miniprogram') });
    const problems = [];
    const hash = (buf) => createHash('sha256').update(buf).digest('hex');
    for (const [rel, content] of fresh.generated) {
      const path = join(SOURCE_DIR, rel);
      if (!existsSync(path)) problems.push(`missing: miniprogram/${rel}`);
      else if (hash(readFileSync(path)) !== hash(typeof content === 'string' ? Buffer.from(content) : content)) problems.push(`stale: miniprogram/${rel}`);
    }
    for (const file of walk(join(SOURCE_DIR, 'miniprogram_npm'))) {
      const rel = posix(relative(SOURCE_DIR, file));
      if (!fresh.generated.has(rel)) problems.push(`extra: miniprogram/${rel}`);
    }
    return problems;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(args) {
  if (args.includes('--check')) {
    const problems = await checkInPlace();
    if (problems.length) {
      console.error(`miniprogram build output is stale (${problems.length} files); run: npm run build:miniprogram`);
      for (const p of problems.slice(0, 30)) console.error(`  ${p}`);
      process.exit(1);
    }
    console.log('miniprogram build output is up to date');
    return;
  }
  if (args.includes('--size')) {
    const problems = reportSizes(measure(SOURCE_DIR));
    if (problems.length) {
      for (const p of problems) console.error(`size budget: ${p}`);
      process.exit(1);
    }
    return;
  }
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? resolve(args[outIndex + 1] ?? '') : SOURCE_DIR;
  const forNode = args.includes('--for-node');
  const once = async () => {
    const started = Date.now();
    const result = await buildMiniprogram({ outDir, forNode });
    console.log(
      `built miniprogram/ in ${Date.now() - started} ms: ${result.generated.size} outputs (${result.changed} changed, ${result.removed.length} removed); TDesign components: ${result.components.join(', ')}`,
    );
    return reportSizes(result.sizes);
  };
  const problems = await once();
  if (!args.includes('--watch')) {
    if (problems.length) {
      for (const p of problems) console.error(`size budget: ${p}`);
      process.exit(1);
    }
    return;
  }
  console.log('watching miniprogram/ and shared/src/ …');
  let timer;
  let running = Promise.resolve();
  const onChange = (_event, file) => {
    if (!file || /\.js$|miniprogram_npm|assets[\\/]tabbar/.test(String(file))) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(once).then((p) => p.forEach((x) => console.error(`size budget: ${x}`)), (err) => console.error(err.message));
    }, 150);
  };
  watch(SOURCE_DIR, { recursive: true }, onChange);
  watch(join(repo, 'shared/src'), { recursive: true }, onChange);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
