import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { Command } from '../../emulator/api/protocol';
import { buildMenuTemplate } from '../../main/menu';
import { isAppUrl, isTrustedSender } from '../../main/security';

function build(isMac = false, devTools = false) {
  const commands: Command[] = [];
  let abouts = 0;
  const template = buildMenuTemplate({ command: (c) => commands.push(c), about: () => abouts++ }, { isMac, devTools });
  const submenu = (label: string) =>
    template.find((m) => m.label?.replace('&', '') === label)?.submenu as MenuItemConstructorOptions[];
  const click = (menu: string, item: string) => (submenu(menu).find((i) => i.label === item)?.click as () => void)();
  return { template, submenu, click, commands, abouts: () => abouts };
}

describe('application menu', () => {
  it('has File, Machine, View and Help', () => {
    expect(build().template.map((m) => m.label)).toEqual(['&File', '&Machine', '&View', '&Help']);
  });

  it('sends machine commands', () => {
    const menu = build();
    menu.click('Machine', 'Pause');
    menu.click('Machine', 'Resume');
    menu.click('Machine', 'Step One Syscall');
    menu.click('Machine', 'Reset');
    expect(menu.commands).toEqual([{ type: 'pause' }, { type: 'resume' }, { type: 'step' }, { type: 'reset' }]);
    menu.click('Help', 'About Ringside');
    expect(menu.abouts()).toBe(1);
  });

  it('leaves every plain Ctrl+letter to the terminal outside macOS', () => {
    const accelerators = build().template.flatMap((m) =>
      (m.submenu as MenuItemConstructorOptions[]).flatMap((i) => (i.accelerator ? [String(i.accelerator)] : [])),
    );
    expect(accelerators.length).toBeGreaterThan(0);
    for (const a of accelerators) expect(a).toMatch(/^Ctrl\+Shift\+/);
    expect(build(true).submenu('File')[0].accelerator).toBe('Cmd+Q');
  });

  it('offers the developer tools only when asked', () => {
    const roles = (devTools: boolean) =>
      build(false, devTools)
        .submenu('View')
        .map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
});

describe('IPC sender checks', () => {
  const sender = { senderId: 1, frameUrl: 'app://ringside/index.html', isMainFrame: true };

  it('trusts only our window’s own top frame on app://ringside', () => {
    expect(isTrustedSender(sender, 1)).toBe(true);
    expect(isTrustedSender(sender, 2)).toBe(false);
    expect(isTrustedSender({ ...sender, isMainFrame: false }, 1)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: null }, 1)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: 'file:///index.html' }, 1)).toBe(false);
  });

  it.each(['app://ringside.evil/', 'https://ringside/', 'app://user@other/', 'not a url', 'app://ringside:80/'])(
    'does not take %s for the app',
    (url) => expect(isAppUrl(url)).toBe(false),
  );
});
