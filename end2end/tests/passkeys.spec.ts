import { expect, test, type Page } from '@playwright/test';
import { activate, expectAccessible, login, PASSWORD, register, uniqueEmail } from './support';

/** Chromium's virtual authenticator: a platform passkey that verifies the user at once. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

async function logout(page: Page) {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByText('Sie haben sich abgemeldet.')).toBeVisible();
}

// Passkeys need the browser's WebAuthn API: with JavaScript the whole journey, without it the
// pages must say so and offer nothing that cannot work.
test('add a passkey, confirm a login with it, then log in with it alone', async ({ page }, testInfo) => {
  const scripted = testInfo.project.use.javaScriptEnabled !== false;
  if (scripted) await virtualAuthenticator(page);
  const email = uniqueEmail('passkey');
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Passkeys' })).toBeVisible();
  if (!scripted) {
    await expect(page.getByText('Passkeys brauchen JavaScript.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Passkey hinzufügen' })).toHaveCount(0);
    await logout(page);
    await expect(page.getByRole('button', { name: 'Mit Passkey anmelden' })).toHaveCount(0);
    return;
  }
  await page.getByLabel('Name des Passkeys').fill('Laptop');
  await page.getByLabel('Passwort zur Bestätigung des Passkeys').fill(PASSWORD);
  await page.getByRole('button', { name: 'Passkey hinzufügen' }).click();
  await expect(page.getByText('Sie bestätigen Ihre Anmeldung mit einem Passkey.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Ihre Passkeys' })).toContainText('Laptop');
  await expectAccessible(page);

  // Password, then the passkey as second factor.
  await logout(page);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Anmeldung bestätigen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Mit Passkey bestätigen' }).click();
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();

  // The passkey alone, without the password.
  await logout(page);
  await page.getByRole('button', { name: 'Mit Passkey anmelden' }).click();
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
  await expect(page.getByText(email, { exact: true })).toBeVisible();
});
