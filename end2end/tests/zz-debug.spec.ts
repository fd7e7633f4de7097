import { test } from '@playwright/test';
import { activate, login, register, uniqueEmail } from './support';
test('debug panics', async ({ page }) => {
  page.on('console', (m) => { if (m.text().includes('panicked')) console.log('PANIC on', page.url(), m.text()); });
  await page.addInitScript(() => { (Error as any).stackTraceLimit = 60; });
  const email = uniqueEmail('dbg');
  console.log('register');
  await register(page, email);
  console.log('activate');
  await activate(page, email);
  console.log('login');
  await login(page, email);
  await page.waitForTimeout(1500);
  for (const p of ['/mein-bereich', '/postfach', '/dienste/hundesteuer', '/']) {
    await page.goto(p);
    await page.waitForTimeout(1500);
    console.log('visited', p);
  }
});
