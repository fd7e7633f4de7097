import { expect, test } from '@playwright/test';
import { activate, expectAccessible, linkIn, login, mailCount, PASSWORD, register, uniqueEmail, waitForMail } from './support';

test('change the password in Mein Bereich', async ({ page }) => {
  const email = uniqueEmail('change');
  const newPassword = 'Hundemarke!42';
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Passwort ändern' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Aktuelles Passwort').fill(PASSWORD);
  await page.getByLabel('Neues Passwort').fill(newPassword);
  await page.getByLabel('Passwort wiederholen').fill(newPassword);
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.getByText('Ihr Passwort wurde geändert.')).toBeVisible();
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByText('Sie haben sich abgemeldet.')).toBeVisible();
  await login(page, email, newPassword);
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
  // The security log shows both logins and the change, newest first.
  const log = page.getByRole('table', { name: 'Sicherheitsprotokoll' });
  await expect(log.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('Anmeldung');
  await expect(log.getByRole('cell', { name: 'Passwort geändert', exact: true })).toHaveCount(1);
  await expect(log.getByRole('cell', { name: 'Anmeldung', exact: true })).toHaveCount(2);
});

test('end a session on another device', async ({ page, browser }, testInfo) => {
  const email = uniqueEmail('devices');
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  const phone = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
  const phonePage = await phone.newPage();
  await phonePage.goto('/anmelden');
  await login(phonePage, email);
  await expect(phonePage.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();

  await page.reload();
  const sessions = page.getByRole('table', { name: 'Aktive Sitzungen' });
  await expect(sessions.getByRole('row')).toHaveCount(3); // header + two sessions
  await expect(sessions.getByText('Diese Sitzung')).toBeVisible();
  await page.getByRole('button', { name: 'Alle anderen Sitzungen beenden' }).click();
  await expect(sessions.getByRole('row')).toHaveCount(2);

  await phonePage.goto('/mein-bereich');
  await expect(phonePage).toHaveURL(/\/anmelden\?weiter=\/mein-bereich/);
  await phone.close();
});

test('delete the account and register again with the same address', async ({ page }) => {
  const email = uniqueEmail('delete');
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Konto löschen' })).toBeVisible();
  await page.getByLabel('Passwort zur Bestätigung', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  await expect(page.getByText('Ihr Konto und alle Ihre Daten wurden gelöscht.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();

  const earlier = await mailCount(email);
  await register(page, email);
  await activate(page, email, earlier);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
});

test('change the e-mail address through the link sent to the new address', async ({ page }) => {
  const oldEmail = uniqueEmail('old');
  const newEmail = uniqueEmail('new');
  await register(page, oldEmail);
  await activate(page, oldEmail);
  await login(page, oldEmail);
  await expect(page.getByRole('heading', { name: 'E-Mail-Adresse ändern' })).toBeVisible();
  await page.getByLabel('Neue E-Mail-Adresse', { exact: true }).fill(newEmail);
  await page.getByLabel('Neue E-Mail-Adresse wiederholen').fill(newEmail);
  await page.getByLabel('Passwort zur Bestätigung der Änderung').fill(PASSWORD);
  await page.getByRole('button', { name: 'Bestätigungslink senden' }).click();
  await expect(page.getByText('Wir haben einen Bestätigungslink an die neue E-Mail-Adresse geschickt.')).toBeVisible();
  // After the re-authentication the page offers to end the other sessions.
  await expect(page.getByRole('status').getByRole('button', { name: 'Alle anderen Sitzungen beenden' })).toBeVisible();
  await waitForMail(oldEmail, 'Änderung Ihrer E-Mail-Adresse');

  await page.goto(linkIn(await waitForMail(newEmail, 'neue E-Mail-Adresse')));
  await expectAccessible(page);
  await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
  await expect(page.getByText('Ihre E-Mail-Adresse wurde geändert.')).toBeVisible();
  await page.goto('/mein-bereich');
  await expect(page.getByText(newEmail).first()).toBeVisible();
});

test('edit Meine Daten: a wrong postcode is explained, the rest is kept, then saved', async ({ page }) => {
  const email = uniqueEmail('data');
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Meine Daten' })).toBeVisible();
  await page.getByLabel('Anrede').selectOption('Frau');
  await page.getByLabel('Titel', { exact: true }).fill('Dr.');
  await page.getByLabel('Geburtsdatum').fill('12.08.1964');
  await page.getByLabel('Straße').fill('Heidestraße');
  await page.getByLabel('Hausnummer').fill('17');
  await page.getByLabel('Postleitzahl').fill('5114');
  await page.getByLabel('Ort', { exact: true }).fill('Köln');
  await page.getByLabel('Telefonnummer').fill('0221 1234567');
  await page.getByRole('button', { name: 'Daten speichern' }).click();
  await expect(page.getByRole('link', { name: 'Bitte geben Sie eine fünfstellige Postleitzahl an.' })).toBeVisible();
  await expect(page.getByLabel('Straße')).toHaveValue('Heidestraße');
  await expect(page.getByLabel('Telefonnummer')).toHaveValue('0221 1234567');
  await expectAccessible(page);

  await page.getByLabel('Postleitzahl').fill('51147');
  await page.getByRole('button', { name: 'Daten speichern' }).click();
  await expect(page.getByText('Ihre Daten wurden gespeichert.')).toBeVisible();
  await page.goto('/mein-bereich');
  await expect(page.getByLabel('Postleitzahl')).toHaveValue('51147');
  await expect(page.getByLabel('Anrede')).toHaveValue('Frau');
  await expect(page.getByLabel('Geburtsdatum')).toHaveValue('12.08.1964');
});

test('download all my data as a ZIP', async ({ page }) => {
  const email = uniqueEmail('export');
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Alle gespeicherten Daten herunterladen (ZIP)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('serviceportal-meine-daten.zip');
  const path = await file.path();
  const bytes = require('fs').readFileSync(path);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
});
