import { expect, test } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { activate, expectAccessible, login, PASSWORD, register, uniqueEmail } from './support';

// Runs against the portal started with PORTAL_SECOND_FACTOR=required.
test('where a second factor is required, the login leads to its setup first', async ({ page }) => {
  const email = uniqueEmail('required');
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page).toHaveURL(/\/zwei-faktor-einrichten$/);
  await expect(page.getByRole('heading', { name: 'Zweiten Faktor einrichten' })).toBeVisible();
  await expect(page.getByText('In diesem Portal ist ein zweiter Faktor für alle Konten vorgeschrieben.')).toBeVisible();
  await expectAccessible(page);
  // Other pages lead back here until a factor is set up.
  await page.goto('/mein-bereich');
  await expect(page).toHaveURL(/\/zwei-faktor-einrichten$/);

  await page.getByLabel('Passwort zur Bestätigung der Einrichtung').fill(PASSWORD);
  await page.getByRole('button', { name: 'Authentifizierungs-App einrichten' }).click();
  const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  await page.getByLabel('Sicherheitscode').fill(totp.generate());
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page.getByRole('heading', { name: 'Ihre Wiederherstellungscodes' })).toBeVisible();
  await page.getByRole('link', { name: 'Ich habe die Codes gesichert' }).click();
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
  await expect(page.getByText('In diesem Portal ist ein zweiter Faktor vorgeschrieben.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zweiten Faktor ausschalten' })).toHaveCount(0);
});
