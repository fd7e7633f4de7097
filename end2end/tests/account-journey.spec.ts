import { expect, test } from '@playwright/test';
import { activate, expectAccessible, linkIn, login, PASSWORD, register, uniqueEmail, waitForMail } from './support';

test('register, activate from the mail, log in and log out', async ({ page }) => {
  const email = uniqueEmail('journey');
  await register(page, email);
  await activate(page, email);
  await expectAccessible(page);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
  await expect(page.getByText(email, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByText('Sie haben sich abgemeldet.')).toBeVisible();
  await page.goto('/mein-bereich');
  await expect(page).toHaveURL(/\/anmelden\?weiter=\/mein-bereich/);
});

test('forgot password: the mailed link sets a new password', async ({ page }) => {
  const email = uniqueEmail('forgot');
  const newPassword = 'Hundemarke!42';
  await register(page, email);
  await activate(page, email);
  await page.goto('/passwort-vergessen');
  await expectAccessible(page);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Link anfordern' }).click();
  await expect(page.getByRole('heading', { name: 'Bitte prüfen Sie Ihr E-Mail-Postfach' })).toBeVisible();
  await page.goto(linkIn(await waitForMail(email, 'Neues Passwort')));
  await page.getByLabel('Neues Passwort').fill(newPassword);
  await page.getByLabel('Passwort wiederholen').fill(newPassword);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.getByText('Ihr neues Passwort ist gespeichert')).toBeVisible();
  await login(page, email, PASSWORD);
  await expect(page.getByRole('alert').first()).toContainText('nicht richtig');
  await login(page, email, newPassword);
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
});

test('after a login the user lands where they were sent from', async ({ page }) => {
  const email = uniqueEmail('return');
  await register(page, email);
  await activate(page, email);
  await page.goto('/mein-bereich');
  await expect(page).toHaveURL(/weiter=/);
  await login(page, email);
  await expect(page).toHaveURL(/\/mein-bereich$/);
});

test('wrong entries are explained next to the fields and nothing entered is lost', async ({ page }) => {
  await page.goto('/registrieren');
  await page.getByLabel('Vorname').fill('Jürgen');
  await page.getByLabel('Nachname').fill('Müller');
  await page.getByLabel('E-Mail-Adresse').fill('jürgen@example.de');
  await page.getByLabel('Passwort', { exact: true }).fill('kurz');
  await page.getByLabel('Passwort wiederholen').fill('kurz');
  await page.getByRole('button', { name: 'Registrieren' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: /keine Umlaute/ })).toBeVisible();
  await expect(summary.getByRole('link', { name: /stimmen Sie der Verarbeitung/ })).toBeVisible();
  await expect(page.getByLabel('Vorname')).toHaveValue('Jürgen');
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('jürgen@example.de');
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Passwort', { exact: true })).toHaveAccessibleDescription(/Das Passwort muss mindestens 8 Zeichen lang sein\./);
  await expectAccessible(page);
});

test('every public page passes an accessibility scan', async ({ page }) => {
  for (const path of ['/', '/dienste', '/registrieren', '/anmelden', '/passwort-vergessen', '/hilfe', '/barrierefreiheit', '/leichte-sprache', '/datenschutz', '/impressum']) {
    await page.goto(path);
    await expect(page.locator('h1')).toBeVisible();
    await expectAccessible(page);
  }
});

test('the service search finds services with either umlaut spelling', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Online-Dienste suchen').fill('fuehrungszeugnis');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(page.getByRole('heading', { name: 'Führungszeugnis beantragen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hundesteuer' })).toHaveCount(0);
  // One typo in a longer word is forgiven.
  await page.getByLabel('Online-Dienste suchen').fill('hundsteuer');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(page.getByRole('heading', { name: 'Hund zur Hundesteuer anmelden' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Führungszeugnis beantragen' })).toHaveCount(0);
});
