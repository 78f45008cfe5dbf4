import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../../emulator/api/bridge';
import type { Command } from '../../emulator/api/protocol';
import { buildMenuTemplate } from '../../main/menu';
import { isAppUrl, isTrustedSender } from '../../main/security';

function build(isMac = false, devTools = false) {
  const commands: Command[] = [];
  const pages: MenuAction[] = [];
  let abouts = 0;
  const labs = [
    { id: 'first-syscall', title: 'First' },
    { id: 'devices', title: 'Devices' },
  ];
  const template = buildMenuTemplate(
    { command: (c) => commands.push(c), about: () => abouts++, page: (a) => pages.push(a) },
    { isMac, devTools, labs },
  );
  const submenu = (label: string) =>
    template.find((m) => m.label?.replace('&', '') === label)?.submenu as MenuItemConstructorOptions[];
  const click = (menu: string, item: string) => (submenu(menu).find((i) => i.label === item)?.click as () => void)();
  return { template, submenu, click, commands, pages, abouts: () => abouts };
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

  it('has File: New Machine, Open Session…, Export Trace…, Quit — carried out by the page', () => {
    const menu = build();
    expect(menu.submenu('File').map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'New Machine', 'Open Session…', 'Export Trace…', 'separator', 'quit',
    ]);
    menu.click('File', 'New Machine');
    menu.click('File', 'Open Session…');
    menu.click('File', 'Export Trace…');
    expect(menu.pages).toEqual([{ type: 'new-machine' }, { type: 'open-session' }, { type: 'export-trace' }]);
    expect(menu.commands).toEqual([]);
  });

  it('lists the labs under Help → Labs, each opening its lab in the page', () => {
    const menu = build();
    expect(menu.submenu('Help').map((i) => i.label ?? i.type)).toEqual(['Labs', 'separator', 'About Ringside']);
    const labs = menu.submenu('Help')[0]!.submenu as MenuItemConstructorOptions[];
    expect(labs.map((i) => i.label)).toEqual(['First', 'Devices']);
    (labs[1]!.click as () => void)();
    expect(menu.pages).toEqual([{ type: 'show-lab', id: 'devices' }]);
  });

  it('leaves every plain Ctrl+letter to the terminal outside macOS', () => {
    const accelerators = build().template.flatMap((m) =>
      (m.submenu as MenuItemConstructorOptions[]).flatMap((i) => (i.accelerator ? [String(i.accelerator)] : [])),
    );
    expect(accelerators.length).toBeGreaterThan(0);
    for (const a of accelerators) expect(a).toMatch(/^Ctrl\+Shift\+/);
    expect(build(true).submenu('File').at(-1)!.accelerator).toBe('Cmd+Q');
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
