/**
 * The build: what DevTools opens must be complete (every page, component and TDesign file it
 * names), the main package must stay within budget, and project.config.json must point
 * DevTools at it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModule, REPO, type BuildResult } from './support/mp';

let dir: string;
let result: BuildResult;
let build: Awaited<ReturnType<typeof buildModule>>;

beforeAll(async () => {
  build = await buildModule();
  dir = mkdtempSync(join(tmpdir(), 'erescue-mp-build-'));
  result = await build.buildMiniprogram({ outDir: join(dir, 'miniprogram') });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface AppJson {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
  tabBar: { list: Array<{ pagePath: string; iconPath: string; selectedIconPath: string }> };
  lazyCodeLoading: string;
}
const read = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('what DevTools opens', () => {
  it('has every page with its four files, tab pages in the main package, features in subpackages', () => {
    const app = read<AppJson>(join(result.root, 'app.json'));
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(existsSync(join(result.root, 'app.js'))).toBe(true);
    const all = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}${page}`))];
    for (const page of all) for (const ext of ['.js', '.json', '.wxml', '.wxss']) expect(existsSync(join(result.root, page + ext)), page + ext).toBe(true);
    for (const tab of app.tabBar.list) {
      expect(app.pages).toContain(tab.pagePath);
      expect(existsSync(join(result.root, tab.iconPath))).toBe(true);
      expect(existsSync(join(result.root, tab.selectedIconPath))).toBe(true);
    }
    expect(app.subPackages.map((p) => p.root)).toEqual(['packages/eligibility/', 'packages/apply/', 'packages/case/', 'packages/account/']);
  });

  it('resolves every usingComponents entry to a built component', () => {
    const missing: string[] = [];
    for (const rel of result.generated.keys()) {
      if (!rel.endsWith('.js') || rel.startsWith('miniprogram_npm/') || rel.startsWith('lib/')) continue;
      const jsonPath = join(result.root, rel.replace(/\.js$/, '.json'));
      if (!existsSync(jsonPath)) continue;
      for (const target of Object.values(read<{ usingComponents?: Record<string, string> }>(jsonPath).usingComponents ?? {})) {
        const base = target.startsWith('/') ? join(result.root, target) : join(result.root, rel, '..', target);
        for (const ext of ['.js', '.json', '.wxml']) if (!existsSync(base + ext)) missing.push(`${rel}: ${target}${ext}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('compiles every .ts beside itself to CommonJS without TypeScript left in it', () => {
    const http = readFileSync(join(result.root, 'services/http.js'), 'utf8');
    expect(http).toMatch(/require\("\.\/config"\)/);
    expect(http).not.toMatch(/\binterface\b|: Promise</);
    expect(result.generated.has('pages/home/index.js')).toBe(true);
    expect(result.generated.has('lib/shared.js')).toBe(true);
  });

  it('copies only the TDesign components used, with what they need', () => {
    expect(result.components).toEqual(expect.arrayContaining(['input/input', 'steps/steps', 'progress/progress']));
    const npm = [...result.generated.keys()].filter((k) => k.startsWith('miniprogram_npm/tdesign-miniprogram/'));
    expect(npm).toContain('miniprogram_npm/tdesign-miniprogram/icon/icon.wxml'); // input needs the icon
    expect(npm).toContain('miniprogram_npm/tdesign-miniprogram/common/utils.wxs');
    expect(npm).toContain('miniprogram_npm/tdesign-miniprogram/miniprogram_npm/tslib/index.js');
    expect(npm.some((k) => k.includes('/button/'))).toBe(false);
    expect(npm.some((k) => k.includes('/chat-'))).toBe(false);
  });
});

describe('size budget', () => {
  it('keeps the main package far under WeChat’s 2 MB and prints the sizes', () => {
    const lines: string[] = [];
    const problems = build.reportSizes(result.sizes, (line) => lines.push(line));
    expect(problems).toEqual([]);
    expect(result.sizes.main).toBeLessThan(build.BUDGET.mainBytes);
    expect(lines.join('\n')).toMatch(/main package\s+[\d.]+ KB/);
    expect(lines.join('\n')).toMatch(/total\s+[\d.]+ KB/);
  });

  it('fails the budget when the main package grows past it', () => {
    const problems = build.reportSizes({ ...result.sizes, main: build.BUDGET.mainBytes + 1 }, () => undefined);
    expect(problems).toEqual([expect.stringContaining('main package')]);
  });

  it('does not count what is never uploaded (TypeScript sources, README)', () => {
    expect(build.measure(result.root).total).toBe(result.sizes.total);
    const ts = [...result.generated.keys()].filter((k) => k.endsWith('.ts'));
    expect(ts).toEqual([]);
  });
});

describe('project.config.json', () => {
  it('points WeChat DevTools at miniprogram/ as a mini-program with a placeholder AppID', () => {
    const config = read<{
      miniprogramRoot: string;
      compileType: string;
      appid: string;
      setting: Record<string, unknown>;
      packOptions: { ignore: Array<{ type: string; value: string }> };
    }>(join(REPO, 'project.config.json'));
    expect(config.miniprogramRoot).toBe('miniprogram/');
    expect(config.compileType).toBe('miniprogram');
    expect(config.appid).toBe('touristappid');
    expect(config.setting).toMatchObject({ es6: true, enhance: true, urlCheck: false });
    expect(config.packOptions.ignore).toEqual(expect.arrayContaining([expect.objectContaining({ value: '.ts' })]));
  });
});
