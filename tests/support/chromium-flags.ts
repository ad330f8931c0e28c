/** Flags that keep Debian's Chromium quiet on machines without internet (../shared/design/build-environment.md). */
export const chromiumTestFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
