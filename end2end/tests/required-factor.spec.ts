import { expect, test } from '@playwright/test';
import { activate, expectAccessible, login, register, setUpTotp, uniqueEmail } from './support';

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

  await setUpTotp(page);
  await expect(page.getByText('In diesem Portal ist ein zweiter Faktor vorgeschrieben.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zweiten Faktor ausschalten' })).toHaveCount(0);
});
