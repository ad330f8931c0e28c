import { describe, expect, it } from 'vitest';
import { blockedShortcut, hasBrowserDefault, type KeyInput } from '../../../main/lockdown/browser-shortcuts.ts';
import { isMaintenanceChord } from '../../../renderer/screens/maintenance/maintenance-entry.ts';

const key = (k: string, modifiers: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({
  key: k,
  code: '',
  control: false,
  alt: false,
  shift: false,
  meta: false,
  ...modifiers,
});

describe('before-input-event filter', () => {
  const blocked: Array<[string, KeyInput]> = [
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+Shift+W', key('W', { control: true, shift: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['F5', key('F5')],
    ['Ctrl+F5', key('F5', { control: true })],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+O', key('o', { control: true })],
    ['Ctrl+N', key('n', { control: true })],
    ['Ctrl+T', key('t', { control: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Ctrl+S', key('s', { control: true })],
    ['Ctrl+U', key('u', { control: true })],
    ['Ctrl+L', key('l', { control: true })],
    ['Ctrl+H', key('h', { control: true })],
    ['Ctrl+plus (zoom)', key('=', { control: true })],
    ['Ctrl+minus (zoom)', key('-', { control: true })],
    ['Ctrl+0 (zoom reset)', key('0', { control: true })],
    ['Ctrl+Tab', key('Tab', { control: true })],
    ['Cmd+W (meta)', key('w', { meta: true })],
    ['Alt+Left (back)', key('ArrowLeft', { alt: true })],
    ['Alt+Right (forward)', key('ArrowRight', { alt: true })],
    ['Alt+Home', key('Home', { alt: true })],
    ['BrowserBack key', key('BrowserBack')],
    ['BrowserRefresh key', key('BrowserRefresh')],
    ['Ctrl+Shift+Delete', key('Delete', { control: true, shift: true })],
    ['Shift+Escape (task manager)', key('Escape', { shift: true })],
  ];
  it.each(blocked)('blocks %s', (_name, input) => {
    expect(blockedShortcut(input)).toEqual(expect.any(String));
  });

  const allowed: Array<[string, KeyInput]> = [
    ['a letter', key('a')],
    ['a digit', key('7')],
    ['Tab', key('Tab')],
    ['Shift+Tab', key('Tab', { shift: true })],
    ['Enter', key('Enter')],
    ['Escape', key('Escape')],
    ['Backspace', key('Backspace')],
    ['arrows', key('ArrowDown')],
    ['F1 (bank terminal function key)', key('F1')],
    ['F4 without Alt', key('F4')],
    ['F8', key('F8')],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['Ctrl+Shift+Z (redo)', key('Z', { control: true, shift: true })],
    ['Ctrl+ArrowLeft (word left)', key('ArrowLeft', { control: true })],
    ['Ctrl alone', key('Control', { control: true })],
    ['Shift alone', key('Shift', { shift: true })],
  ];
  it.each(allowed)('lets %s through', (_name, input) => {
    expect(blockedShortcut(input)).toBeNull();
  });

  // Staff reach maintenance mode with Ctrl+Alt+M (renderer/screens/maintenance): the filter must let the chord the
  // page listens for through, whatever character the layout makes of it, and still block Ctrl+M alone.
  it.each([
    ['m on a US layout', key('m', { code: 'KeyM', control: true, alt: true })],
    ['µ where Alt changes the character', key('µ', { code: 'KeyM', control: true, alt: true })],
  ])('lets the maintenance chord through (%s)', (_name, input) => {
    expect(isMaintenanceChord({ ctrlKey: input.control, altKey: input.alt, shiftKey: input.shift, metaKey: input.meta, code: input.code })).toBe(true);
    expect(blockedShortcut(input)).toBeNull();
  });

  it('still blocks Ctrl+M and Ctrl+Shift+Alt+M', () => {
    expect(blockedShortcut(key('m', { code: 'KeyM', control: true }))).toEqual(expect.any(String));
    expect(blockedShortcut(key('M', { code: 'KeyM', control: true, alt: true, shift: true }))).toEqual(expect.any(String));
  });

  it('keeps the function keys for the kiosk but stops their browser defaults (find, caret browsing, menu …)', () => {
    for (const name of ['F1', 'F3', 'F6', 'F7', 'F10']) {
      expect(blockedShortcut(key(name))).toBeNull();
      expect(hasBrowserDefault(key(name))).toBe(true);
    }
    expect(hasBrowserDefault(key('F12'))).toBe(false); // blocked outright
    expect(hasBrowserDefault(key('a'))).toBe(false);
  });
});
