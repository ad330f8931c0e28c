import { installPageGuards } from './page-guards.ts';

// The Electron shell's page: the guards alone (its window.kiosk comes from the preload), before the app's scripts.
installPageGuards();
