/**
 * Accessibility rules over the mini-program's sources: large text on every page, a name for
 * every control, a label or aria-hidden on every image, and WCAG AA contrast for the colour
 * pairs the styles use.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/mp';

const MP = join(REPO, 'miniprogram');
const app = JSON.parse(readFileSync(join(MP, 'app.json'), 'utf8')) as {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
  tabBar: { list: Array<{ pagePath: string; text: string; iconPath: string; selectedIconPath: string }> };
};
const pages = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}${page}`))];

function wxmlFiles(dir = MP, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'miniprogram_npm' || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) wxmlFiles(path, out);
    else if (name.endsWith('.wxml')) out.push(path);
  }
  return out;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const visibleText = (html: string) => html.replace(/<[^>]+>/g, '').trim(); // {{…}} kept: its string literals are the words

describe('large text on every page', () => {
  it.each(pages)('%s binds the page style and uses the ui behavior', (page) => {
    const wxml = readFileSync(join(MP, `${page}.wxml`), 'utf8');
    expect(wxml.startsWith('<page-meta page-style="{{ui.pageStyle}}"></page-meta>')).toBe(true);
    expect(wxml).toContain(`<view class="page {{ui.large ? 'page--large' : ''}}">`);
    expect(readFileSync(join(MP, `${page}.ts`), 'utf8')).toMatch(/behaviors:\s*\[uiBehavior\]/);
  });

  it('sizes text with the variables large-text mode changes, not fixed sizes', () => {
    const fixed: string[] = [];
    for (const file of wxmlFiles().map((f) => f.replace(/\.wxml$/, '.wxss')).concat(join(MP, 'app.wxss'))) {
      if (!existsSync(file)) continue;
      for (const [, value] of readFileSync(file, 'utf8').matchAll(/font-size:\s*([^;}]+)/g)) {
        if (!/var\(--fs-/.test(value!)) fixed.push(`${relative(MP, file)}: ${value}`);
      }
    }
    expect(fixed).toEqual([]);
  });
});

describe('every control has a name a screen reader can say', () => {
  const files = wxmlFiles();

  it('buttons have words or an aria-label', () => {
    const nameless: string[] = [];
    for (const file of files) {
      const wxml = readFileSync(file, 'utf8');
      for (const [, open, body] of wxml.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)) {
        if (!attr(open!, 'aria-label') && !/[\u4e00-\u9fff]/.test(visibleText(body!))) nameless.push(`${relative(MP, file)}: <button${open}>`);
      }
    }
    expect(nameless).toEqual([]);
  });

  it('tappable views and texts say they are buttons (aria-role) and have a name', () => {
    const unnamed: string[] = [];
    for (const file of files) {
      const wxml = readFileSync(file, 'utf8');
      for (const [tag] of wxml.matchAll(/<(?:view|text|image)\b[^>]*\bbind(?::)?tap="[^"]*"[^>]*>/g)) {
        const role = attr(tag, 'aria-role');
        if (!role) unnamed.push(`${relative(MP, file)}: ${tag}`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('images have a label or are hidden from screen readers', () => {
    const bare: string[] = [];
    for (const file of files) {
      for (const [tag] of readFileSync(file, 'utf8').matchAll(/<image\b[^>]*>/g)) {
        if (!attr(tag, 'aria-label') && !attr(tag, 'aria-hidden')) bare.push(`${relative(MP, file)}: ${tag}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('decorative symbols next to words are hidden from screen readers', () => {
    const status = readFileSync(join(MP, 'components/status-tag/index.wxml'), 'utf8');
    expect(status).toMatch(/aria-hidden="true">\{\{view\.symbol\}\}/);
    expect(status).toContain('{{view.label}}');
  });

  it('tab bar items have words, and the selected icon differs in shape (filled), not only colour', () => {
    for (const item of app.tabBar.list) {
      expect(item.text).toMatch(/[\u4e00-\u9fff]/);
      expect(item.selectedIconPath).not.toBe(item.iconPath);
    }
    expect(app.tabBar.list.length).toBeLessThanOrEqual(5);
  });
});

describe('contrast (WCAG AA, 4.5:1 for body text)', () => {
  const wxss = readFileSync(join(MP, 'app.wxss'), 'utf8');
  const colour = (name: string) => {
    if (name === 'white') return '#ffffff';
    const value = new RegExp(`--c-${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(wxss)?.[1];
    if (!value) throw new Error(`no --c-${name} in app.wxss`);
    return value;
  };
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const ratio = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it.each([
    ['text', 'white'],
    ['text', 'bg'],
    ['muted', 'white'],
    ['muted', 'bg'],
    ['white', 'primary'],
    ['white', 'danger'],
    ['primary', 'white'],
    ['primary', 'primary-soft'],
    ['danger', 'white'],
    ['danger', 'danger-soft'],
    ['done', 'white'],
    ['done', 'done-soft'],
    ['attention', 'white'],
    ['attention', 'attention-soft'],
  ])('%s on %s', (fg, bg) => {
    expect(ratio(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });
});
