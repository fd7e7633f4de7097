import { expect, test } from '@playwright/test';
import { activate, login, register, uniqueEmail } from './support';

// Against the portal started with PORTAL_SESSION_IDLE_SECS=40 (project 'session'): the warning
// comes at a quarter of the timeout before its end, as it comes two minutes before the 20.
test.setTimeout(150_000);

test('the page warns before the session times out, can extend it, and brings the user back after a new login', async ({ page }) => {
  const email = uniqueEmail('timeout');
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page).toHaveURL(/\/mein-bereich$/);

  const warning = page.getByRole('dialog', { name: 'Ihre Sitzung läuft bald ab' });
  await expect(warning).toBeVisible({ timeout: 45_000 });
  await expect(warning.getByRole('timer')).toBeVisible();
  await warning.getByRole('button', { name: 'Angemeldet bleiben' }).click();
  await expect(warning).toBeHidden();
  // Still logged in after staying.
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();

  // This time nobody answers: the session ends and the login page explains why.
  await expect(warning).toBeVisible({ timeout: 45_000 });
  await expect(page).toHaveURL(/\/anmelden\?weiter=\/mein-bereich&abgelaufen=1/, { timeout: 30_000 });
  await expect(page.getByText('Ihre Sitzung ist wegen Inaktivität abgelaufen')).toBeVisible();
  await login(page, email);
  await expect(page).toHaveURL(/\/mein-bereich$/);
});

test('a draft survives the timeout: after the new login the form comes back filled in', async ({ page }) => {
  const email = uniqueEmail('draft-timeout');
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
  await page.goto('/dienste/hundesteuer');
  await page.getByRole('button', { name: 'Online-Dienst starten' }).click();
  await page.getByLabel('Name des Hundes').fill('Bello');
  await page.getByLabel('Rasse', { exact: true }).fill('Dackel');
  await page.getByRole('button', { name: 'Weiter' }).click();
  // The page saved what was typed even though a required date is missing.
  await expect(page.getByRole('alert')).toContainText('Hund gehalten seit');
  const step = new URL(page.url()).pathname;

  // Nobody answers the warning; the session ends; the login brings the user back to the step.
  await expect(page).toHaveURL(/abgelaufen=1/, { timeout: 80_000 });
  await login(page, email);
  await expect(page).toHaveURL(new RegExp(`${step}$`));
  await expect(page.getByLabel('Name des Hundes')).toHaveValue('Bello');
  await expect(page.getByLabel('Rasse', { exact: true })).toHaveValue('Dackel');
});
