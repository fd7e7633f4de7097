import { expect, test, type Page } from '@playwright/test';
import { activate, expectAccessible, login, register, uniqueEmail } from './support';

const PDF = Buffer.from('%PDF-1.4\n% Fahrzeugschein\n%%EOF\n');

function today(): string {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;
}

async function citizen(page: Page, prefix: string) {
  const email = uniqueEmail(prefix);
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
  return email;
}

/** Finds the parking permit by typing part of its name: a suggestion with JavaScript, the
 *  result page of the plain search form without. */
async function findParkingPermit(page: Page, js: boolean) {
  await page.goto('/');
  const search = page.getByRole(js ? 'combobox' : 'searchbox', { name: 'Online-Dienste suchen' });
  await search.click();
  await search.pressSequentially('bewohnerpark');
  if (js) {
    await expect(search).toHaveAttribute('aria-expanded', 'true');
    await expectAccessible(page);
    await page.getByRole('option', { name: 'Bewohnerparkausweis beantragen' }).click();
  } else {
    await search.press('Enter');
    await page.getByRole('link', { name: 'Bewohnerparkausweis beantragen' }).click();
  }
  await expect(page).toHaveURL(/\/dienste\/bewohnerparkausweis$/);
  await expect(page.getByRole('heading', { name: 'Bewohnerparkausweis beantragen' })).toBeVisible();
}

test('file an application with a document, resume the draft, reply, PDF, trash and restore', async ({ page }, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const email = await citizen(page, 'antrag');
  await findParkingPermit(page, js);
  await expect(page.getByText('30,60 €')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Online-Dienst starten' }).click();

  // Page 1: a wrong plate is named next to the field and in the summary; the input stays.
  await expect(page.getByRole('heading', { name: 'Fahrzeug' })).toBeVisible();
  await page.getByLabel('Amtliches Kennzeichen').fill('MAB1234');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: /Kennzeichen wie auf dem Schild/ })).toBeVisible();
  await expect(page.getByLabel('Amtliches Kennzeichen')).toHaveValue('MAB1234');
  await expectAccessible(page);
  await page.getByLabel('Amtliches Kennzeichen').fill('M-AB 1234');
  await page.getByRole('group', { name: 'Ist das Fahrzeug auf Sie zugelassen?' }).getByLabel('Ja').check();
  await page.getByRole('button', { name: 'Weiter' }).click();

  // Page 2: the address and the start date.
  await expect(page.getByRole('heading', { name: 'Wohnsitz' })).toBeVisible();
  await page.getByLabel('Straße', { exact: true }).fill('Hauptstraße');
  await page.getByLabel('Hausnummer', { exact: true }).fill('5a');
  await page.getByLabel('Postleitzahl', { exact: true }).fill('12345');
  await page.getByLabel('Ort', { exact: true }).fill('Musterstadt');
  await page.getByLabel('Gültig ab').fill(today());
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Weiter' }).click();

  // Documents: an upload (with a progress bar when JavaScript runs).
  await expect(page.getByRole('heading', { name: 'Unterlagen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Fahrzeugschein (Zulassungsbescheinigung Teil I) hochladen').setInputFiles({ name: 'Fahrzeugschein.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
  await expect(page.getByText('Gewählt: Fahrzeugschein.pdf')).toBeVisible();

  // Leave; log out and in again; the draft waits in the mailbox.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByText('Sie haben sich abgemeldet.')).toBeVisible();
  await page.goto('/anmelden?weiter=/postfach');
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Postfach', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Eingang (0)' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Fortsetzen/ }).click();
  await expect(page.getByLabel('Amtliches Kennzeichen')).toHaveValue('M-AB 1234');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByLabel('Ort', { exact: true })).toHaveValue('Musterstadt');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByText('Gewählt: Fahrzeugschein.pdf')).toBeVisible();
  await page.getByRole('button', { name: 'Weiter' }).click();

  // Consent, summary, submit.
  await expect(page.getByRole('heading', { name: 'Einwilligung' })).toBeVisible();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('alert')).toContainText('Einwilligung');
  await expectAccessible(page);
  await page.getByLabel(/Ich willige ein/).check();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { name: 'Übersicht Ihrer Eingaben' })).toBeVisible();
  await expect(page.getByText('M-AB 1234')).toBeVisible();
  await expect(page.getByText('Hauptstraße 5a, 12345 Musterstadt')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Antrag absenden' }).click();
  await expect(page.getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible();
  const number = (await page.locator('.case-number').innerText()).trim();
  expect(number).toMatch(/^VG-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectAccessible(page);

  // The receipt is unread: in the header and the inbox; the trash refuses the case.
  await page.goto('/postfach');
  await expect(page.getByRole('link', { name: 'Postfach, 1 ungelesene Nachrichten' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Eingang (1)' })).toBeVisible();
  await page.getByRole('button', { name: /^In den Papierkorb/ }).click();
  await expect(page.getByRole('alert')).toContainText('ungelesene Nachrichten');

  // Opening reads it.
  await page.getByRole('link', { name: 'Bewohnerparkausweis beantragen' }).click();
  await expect(page.getByRole('heading', { name: 'Bewohnerparkausweis beantragen', level: 1 })).toBeVisible();
  await expect(page.getByText(`Ihre Vorgangsnummer lautet ${number}`)).toBeVisible();
  await expectAccessible(page);

  // Save as PDF: a real PDF named with the case number.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Als PDF speichern' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`Vorgang-${number}.pdf`);
  const chunks: Buffer[] = [];
  for await (const c of (await download.createReadStream())!) chunks.push(c as Buffer);
  const pdf = Buffer.concat(chunks);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1')).toContain(number);

  // Reply.
  await page.getByLabel('Ihre Nachricht').fill('Vielen Dank, ich warte auf den Ausweis.');
  await page.getByRole('button', { name: 'Antworten', exact: true }).click();
  await expect(page.getByText('Ihre Antwort wurde gesendet.')).toBeVisible();
  await expect(page.getByText('Vielen Dank, ich warte auf den Ausweis.')).toBeVisible();

  // Now read: into the trash, and back.
  await page.getByRole('link', { name: 'Zurück zum Postfach' }).click();
  await expect(page.getByRole('link', { name: 'Eingang (0)' })).toBeVisible();
  await page.getByRole('button', { name: /^In den Papierkorb/ }).click();
  await expect(page.getByText('Der Vorgang liegt jetzt im Papierkorb.')).toBeVisible();
  await page.getByRole('link', { name: 'Papierkorb' }).click();
  await expect(page.getByRole('heading', { name: 'Papierkorb', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Bewohnerparkausweis beantragen' }).click();
  await page.getByRole('button', { name: 'Wiederherstellen' }).click();
  await expect(page.getByText('Der Vorgang ist wieder im Eingang.')).toBeVisible();
  await page.goto('/postfach');
  await expect(page.getByRole('link', { name: 'Bewohnerparkausweis beantragen' })).toBeVisible();
});

test('the document safe lists uploads and offers them in a later application', async ({ page }) => {
  await citizen(page, 'safe');
  await expect(page.getByRole('heading', { name: 'Dokumentensafe' })).toBeVisible();
  await page.getByLabel('Dokument hinzufügen').setInputFiles({ name: 'Haftpflicht.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
  await expect(page.getByRole('link', { name: /Haftpflicht\.pdf \(PDF/ })).toBeVisible();
  // A file that only pretends to be a PDF is refused, with the reason next to the field.
  await page.getByLabel('Dokument hinzufügen').setInputFiles({ name: 'bild.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
  await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
  await expect(page.getByText('Diese Datei ist kein PDF, JPEG oder PNG.')).toBeVisible();
  await expectAccessible(page);

  await page.goto('/dienste/hundesteuer');
  await page.getByRole('button', { name: 'Online-Dienst starten' }).click();
  await page.getByLabel('Name des Hundes').fill('Bello');
  await page.getByLabel('Rasse', { exact: true }).fill('Dackel');
  await page.getByLabel('Hund gehalten seit').fill(today());
  await page.getByRole('button', { name: 'Weiter' }).click();
  // Names come from the profile.
  await expect(page.getByLabel('Vorname', { exact: true })).toHaveValue('Erika');
  await page.getByLabel('Straße', { exact: true }).fill('Hauptstraße');
  await page.getByLabel('Hausnummer', { exact: true }).fill('5');
  await page.getByLabel('Postleitzahl', { exact: true }).fill('12345');
  await page.getByLabel('Ort', { exact: true }).fill('Musterstadt');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel(/Hundehaftpflichtversicherung aus dem Dokumentensafe/).selectOption({ index: 0 });
  await page.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(page.getByText('Gewählt: Haftpflicht.pdf')).toBeVisible();
});
