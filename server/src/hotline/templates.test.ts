import { describe, expect, it } from 'vitest';
import { fillTemplate, missingVariables, replyTemplates, templateVariables, variableLabels, type TemplateVars } from './templates';

const full: TemplateVars = {
  trackingNo: 'ER20261122ABCD', status: '已分派', amount: 1200, team: '小寨路街道快速响应服务队',
  teamPhone: '029-86113004', office: '小寨路街道便民服务中心', hotline: '12345',
};

describe('fillTemplate', () => {
  it.each([
    ['a plain variable', '编号{{trackingNo}}', { trackingNo: 'ER1' }, '编号ER1'],
    ['spaces inside the braces', '编号{{ trackingNo }}', { trackingNo: 'ER1' }, '编号ER1'],
    ['a number', '{{amount}}元', { amount: 800 }, '800元'],
    ['zero as a number', '{{amount}}元', { amount: 0 }, '0元'],
    ['the same variable twice', '{{hotline}}/{{hotline}}', { hotline: '12345' }, '12345/12345'],
    ['a missing variable', '编号{{trackingNo}}', {}, '编号【待补：受理编号】'],
    ['an undefined value', '{{team}}', { team: undefined }, '【待补：服务队】'],
    ['a null value', '{{teamPhone}}', { teamPhone: null }, '【待补：服务队电话】'],
    ['an empty string', '{{office}}', { office: '  ' }, '【待补：办事地点】'],
    ['NaN', '{{amount}}元', { amount: Number.NaN }, '【待补：金额】元'],
    ['an unknown variable', '{{foo}}', {}, '【待补：foo】'],
    ['text without placeholders', '您好', full, '您好'],
    ['single braces left alone', '{trackingNo}', full, '{trackingNo}'],
  ] as const)('renders %s', (_what, text, vars, expected) => {
    expect(fillTemplate(text, vars as TemplateVars)).toBe(expected);
  });

  it('never prints "undefined" or "null" for any template with no variables at all', () => {
    for (const t of replyTemplates) {
      const out = fillTemplate(t, {});
      expect(out).not.toMatch(/undefined|null|\{\{/);
      expect(out).toContain('【待补：');
    }
  });

  it('fills every template completely when all variables are known', () => {
    for (const t of replyTemplates) {
      const out = fillTemplate(t, full);
      expect(out).not.toMatch(/【待补|\{\{/);
    }
    expect(fillTemplate(replyTemplates.find((t) => t.id === 'accepted')!, full)).toContain('受理编号ER20261122ABCD');
  });

  it('does not treat a value containing braces as a placeholder again', () => {
    expect(fillTemplate('{{team}}', { team: '{{hotline}}', hotline: '12345' })).toBe('{{hotline}}');
  });
});

describe('missingVariables', () => {
  it('lists the variables without a value, once each, in order of use', () => {
    expect(missingVariables('{{trackingNo}}{{team}}{{trackingNo}}{{hotline}}', { hotline: '12345' })).toEqual(['trackingNo', 'team']);
    expect(missingVariables('无变量', {})).toEqual([]);
  });
});

describe('replyTemplates', () => {
  it('have unique ids and use only known variables', () => {
    expect(new Set(replyTemplates.map((t) => t.id)).size).toBe(replyTemplates.length);
    for (const t of replyTemplates) {
      for (const m of t.text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) expect(templateVariables).toContain(m[1]);
    }
  });

  it('include the four replies the desk needs', () => {
    expect(replyTemplates.map((t) => t.title)).toEqual(expect.arrayContaining(['受理回复', '进度回复', '材料补充提醒', '先行救助告知']));
  });

  it('have a Chinese label for every variable', () => {
    for (const v of templateVariables) expect(variableLabels[v]).toMatch(/[\u4e00-\u9fff]/);
  });
});
