import { expect, test, type Page } from '@playwright/test';
import { activate, login, register, uniqueEmail } from './support';

/** Files the general contact form (one page, no required document). */
async function fileContactForm(page: Page, subject: string) {
  await page.goto('/dienste/kontaktformular');
  await page.getByRole('button', { name: 'Online-Dienst starten' }).click();
  await page.getByLabel('Betreff').fill(subject);
  await page.getByLabel('Ihre Nachricht').fill('Wann ist das Ordnungsamt geöffnet?');
  await page.getByRole('group', { name: 'Möchten Sie zurückgerufen werden?' }).getByLabel('Nein').check();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { name: 'Unterlagen' })).toBeVisible();
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page.getByLabel(/Ich willige ein/).check();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('button', { name: 'Antrag absenden' }).click();
  await expect(page.getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible();
}

test('a new message shows up in an open mailbox and in the header without a reload', async ({ page, context }, testInfo) => {
  const email = uniqueEmail('live');
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
  await fileContactForm(page, 'Öffnungszeiten');
  await page.goto('/postfach');
  await expect(page.getByRole('link', { name: 'Eingang (1)' })).toBeVisible();

  // A second tab files another application; its receipt is a new unread message.
  const other = await context.newPage();
  await fileContactForm(other, 'Sperrmüll');
  await other.close();

  if (testInfo.project.use.javaScriptEnabled === false) {
    // Without JavaScript the page is as fresh as its last load.
    await expect(page.getByRole('link', { name: 'Eingang (1)' })).toBeVisible();
    await page.reload();
  }
  // With JavaScript the stream brings it without a reload.
  await expect(page.getByRole('link', { name: 'Eingang (2)' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('link', { name: 'Postfach, 2 ungelesene Nachrichten' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Allgemeines Kontaktformular' })).toHaveCount(2);
});

test('the suggestions work with the keyboard', async ({ page }, testInfo) => {
  // The combobox exists only with JavaScript; without it the search form is covered by the
  // case-loop journey.
  const js = testInfo.project.use.javaScriptEnabled !== false;
  await page.goto('/dienste');
  if (!js) {
    await expect(page.getByRole('combobox')).toHaveCount(0);
    await expect(page.getByRole('searchbox', { name: 'Online-Dienste suchen' })).toBeVisible();
    return;
  }
  const search = page.getByRole('combobox', { name: 'Online-Dienste suchen' });
  await search.click();
  await search.pressSequentially('hundsteuer'); // one letter missing
  await expect(page.getByRole('option', { name: 'Hund zur Hundesteuer anmelden' })).toBeVisible();
  await search.press('ArrowDown');
  await expect(page.getByRole('option', { name: 'Hund zur Hundesteuer anmelden' })).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/dienste\/hundesteuer$/);
});
