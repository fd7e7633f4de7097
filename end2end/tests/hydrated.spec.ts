import { expect, test } from '@playwright/test';

// What the hydrated WASM client adds; run only by the 'js' project (playwright.config.ts).

test('the registration form checks a field as soon as the user leaves it', async ({ page }) => {
  await page.goto('/registrieren');
  const email = page.getByLabel('E-Mail-Adresse');
  // Retry until hydration has attached the handlers.
  await expect(async () => {
    await email.fill('');
    await email.fill('jürgen@example.de');
    await email.blur();
    await expect(page.getByText('Die E-Mail-Adresse darf keine Umlaute')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  // No request was sent: the message came from the client, and the page did not reload.
  await page.evaluate(() => ((window as any).marker = 'still here'));
  await email.fill('erika@example.de');
  await email.blur();
  await expect(page.getByText('Die E-Mail-Adresse darf keine Umlaute')).toHaveCount(0);
  const pw = page.getByLabel('Passwort', { exact: true });
  await pw.fill('abcdefgh');
  await pw.blur();
  await expect(page.getByText('mindestens zwei dieser Gruppen')).toBeVisible();
  expect(await page.evaluate(() => (window as any).marker)).toBe('still here');
});

test('the styles come precompressed with brotli', async ({ request }) => {
  for (const path of ['/kern/kern.min.css', '/kern/fonts/fira-sans.css', '/style/portal.css']) {
    const res = await request.get(path, { headers: { 'accept-encoding': 'br' } });
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-encoding'], path).toBe('br');
  }
});
