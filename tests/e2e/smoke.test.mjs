import { test } from 'node:test';
import { Session, wipeData } from './webdriver.mjs';

test('smoke', async () => {
  wipeData();
  const s = await Session.start();
  try {
    await new Promise((r) => setTimeout(r, 3000));
    console.log(await s.screenshot('smoke'));
    console.log((await s.cmd('GET', '/source')).slice(0, 3000));
    console.log(await s.run('return JSON.stringify({url: location.href, errs: window.__errs})'));
  } finally {
    await s.quit();
  }
});
