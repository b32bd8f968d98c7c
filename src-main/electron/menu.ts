/**
 * Installs the application menu and rebuilds it when what it shows changes (the
 * recent decks, whether the presenter view is open).
 */
import { Menu } from 'electron';
import { buildMenuTemplate, type MenuActions } from './menu-template';

export interface AppMenuOptions {
  isPackaged: boolean;
  recent(): readonly string[];
  presenterOpen(): boolean;
  actions: MenuActions;
}

export interface AppMenu {
  /** Rebuilds the menu if the recent decks or the presenter state changed. */
  refresh(): void;
}

/** Sets the application menu and returns a handle to refresh it. */
export function installAppMenu(options: AppMenuOptions): AppMenu {
  let shown = '';
  const refresh = () => {
    const recent = options.recent();
    const presenterOpen = options.presenterOpen();
    const key = JSON.stringify([recent, presenterOpen]);
    if (key === shown) return;
    shown = key;
    const template = buildMenuTemplate({ platform: process.platform, isPackaged: options.isPackaged, recent, presenterOpen, actions: options.actions });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  refresh();
  return { refresh };
}
