export { useE2e, type E2e } from './harness.ts';
export { captchaAnswer, readInbox } from './inbox.ts';
export { assertWebBuilt, startE2eServer, type E2eServer } from './server.ts';
export { launchChromium, newContext, desktopViewport, mobileViewport } from './browser.ts';
