import { describe, expect, it } from 'vitest';
import { Vault } from './crypto';

const key = (n: number) => Buffer.alloc(32, n);

describe('Vault', () => {
  it('seals and opens a value, with a fresh IV each time', () => {
    const v = new Vault('k1', key(1), 'h'.repeat(32));
    const a = v.seal({ idNumber: '110101199003074514' });
    const b = v.seal({ idNumber: '110101199003074514' });
    expect(a).not.toEqual(b);
    expect(a).not.toContain('110101199003074514');
    expect(v.open(a)).toEqual({ idNumber: '110101199003074514' });
  });

  it('refuses a tampered envelope', () => {
    const v = new Vault('k1', key(1), 'h'.repeat(32));
    const parts = v.seal('秘密').split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => v.open(parts.join('.'))).toThrow();
  });

  it('opens values sealed with an older key after rotation', () => {
    const before = new Vault('k1', key(1), 'h'.repeat(32));
    const sealed = before.seal('地址');
    const after = new Vault('k2', key(2), 'h'.repeat(32), { k1: key(1) });
    expect(after.open(sealed)).toBe('地址');
    expect(Vault.keyIdOf(after.seal('x'))).toBe('k2');
    expect(() => new Vault('k3', key(3), 'h'.repeat(32)).open(sealed)).toThrow(/no key k1/);
  });

  it('hashes look-ups by kind and key, case-insensitively for the X check digit', () => {
    const v = new Vault('k1', key(1), 'h'.repeat(32));
    expect(v.lookupHash('id', '11010119900307451x')).toBe(v.lookupHash('id', '11010119900307451X'));
    expect(v.lookupHash('id', '13800138000')).not.toBe(v.lookupHash('phone', '13800138000'));
    expect(new Vault('k1', key(1), 'g'.repeat(32)).lookupHash('phone', '13800138000')).not.toBe(v.lookupHash('phone', '13800138000'));
  });
});
