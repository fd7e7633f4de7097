import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { acceptInvitation, activate, expectAccessible, linkIn, login, portalCli, register, uniqueEmail, waitForMail } from './support';

const PDF = Buffer.from('%PDF-1.4\n% Nachweis\n%%EOF\n');

/** A second browser of its own (its own cookies), as the project configures browsers. */
async function browserFor(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const use = testInfo.project.use;
  const context = await browser.newContext({ baseURL: use.baseURL, javaScriptEnabled: use.javaScriptEnabled, locale: 'de-DE' });
  return context.newPage();
}

/** The admin area's own navigation (the header has an `Online-Dienste` link too). */
function adminNav(page: Page) {
  return page.getByRole('navigation', { name: 'Verwaltungsbereiche' });
}

test('an admin defines a service, a caseworker and a citizen work a case through to its end', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const tag = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const serviceName = `Containerstellplatz ${tag}`;
  // The js and no-js runs share one portal and authority: names must not collide.
  // Names take letters only (the person-name rule), so the tag is spelled in letters.
  const letters = tag.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]);
  const workerName = `Bea Bearbeiterin${js ? 'J' : 'N'}${letters}`;

  // The operator creates the authority's admin on the command line; the admin sets a
  // password with the printed link and must set up a second factor.
  const adminEmail = uniqueEmail('amt-admin');
  const out = portalCli(['staff', 'create', '--authority', 'stadt-musterstadt', '--email', adminEmail, '--first-name', 'Anna', '--last-name', 'Amtmann', '--role', 'admin']);
  const invitation = out.match(/https?:\/\/\S+token=[A-Za-z0-9_-]+/)![0];
  await acceptInvitation(page, invitation, adminEmail);
  await page.getByRole('link', { name: 'Verwaltung', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Verwaltung', level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Mitarbeitende: a new caseworker, who gets an invitation mail.
  await adminNav(page).getByRole('link', { name: 'Mitarbeitende' }).click();
  const workerEmail = uniqueEmail('sachbearbeitung');
  await page.getByRole('button', { name: 'Anlegen und einladen' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: /E-Mail-Adresse/ })).toBeVisible();
  await page.getByLabel('Vorname').fill('Bea');
  await page.getByLabel('Nachname').fill(workerName.slice(4));
  await page.getByLabel('E-Mail-Adresse').fill(workerEmail);
  await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Sachbearbeitung' });
  await page.getByRole('button', { name: 'Anlegen und einladen' }).click();
  await expect(page.getByText('Die Person ist angelegt und eingeladen.')).toBeVisible();
  await expect(page.getByRole('cell', { name: workerEmail })).toBeVisible();
  await expectAccessible(page);

  // Online-Dienste: a new service with its form, published without a release.
  await adminNav(page).getByRole('link', { name: 'Online-Dienste' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Neuen Online-Dienst anlegen' }).click();
  await page.getByLabel('Adresse (Kürzel)').fill(`container-${tag}`);
  await page.getByLabel('Name des Online-Dienstes').fill(serviceName);
  await page.getByLabel('Kurzbeschreibung').fill('Genehmigung für einen Container auf der Straße.');
  await page.getByLabel('Kategorie').fill('Bauen und Wohnen');
  await page.getByLabel('Gebühr', { exact: true }).selectOption({ label: 'legt die Sachbearbeitung fest' });
  await page.getByLabel('Bearbeitungsziel in Tagen').fill('5');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Gespeichert.')).toBeVisible();
  await page.getByRole('link', { name: 'Formular bearbeiten' }).click();
  const form = page.getByLabel('Formular (JSON)');
  await form.fill('{"sections": [{"title": "Standort", "fields": [{"id": "ort"}]}]}');
  await page.getByRole('button', { name: 'Neue Version veröffentlichen' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: /Das Formular ist nicht gültig/ })).toBeVisible();
  await form.fill(JSON.stringify({ sections: [{ title: 'Standort', fields: [
    { id: 'ort', label: 'Wo soll der Container stehen?', kind: { type: 'text', max_len: 200 }, required: true },
  ] }] }));
  if (js) {
    // The preview follows the text as it is typed.
    await expect(page.getByRole('region', { name: 'Vorschau' }).getByText('Wo soll der Container stehen?')).toBeVisible();
  }
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Neue Version veröffentlichen' }).click();
  await expect(page.getByText('Die neue Version des Formulars ist veröffentlicht.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Vorschau' }).getByText('Wo soll der Container stehen?')).toBeVisible();

  // Zuständigkeiten: the new caseworker works the new service.
  await adminNav(page).getByRole('link', { name: 'Zuständigkeiten' }).click();
  await page.getByRole('group', { name: `Online-Dienste von ${workerName}` }).getByLabel(serviceName).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: new RegExp(`^Speichern.*${workerName}$`) }).click();
  await expect(page.getByText('Gespeichert.')).toBeVisible();
  await expect(page.getByRole('group', { name: `Online-Dienste von ${workerName}` }).getByLabel(serviceName)).toBeChecked();

  // The caseworker, in a second browser, accepts the invitation.
  const worker = await browserFor(browser, testInfo);
  await acceptInvitation(worker, linkIn(await waitForMail(workerEmail, 'Ihr Zugang')), workerEmail);

  // A citizen, in a third browser, files the new service and agrees to documents by portal.
  const citizen = await browserFor(browser, testInfo);
  const citizenEmail = uniqueEmail('buerger');
  await register(citizen, citizenEmail);
  await activate(citizen, citizenEmail);
  await login(citizen, citizenEmail);
  await expect(citizen.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
  await citizen.goto(`/dienste/container-${tag}`);
  await citizen.getByRole('button', { name: 'Online-Dienst starten' }).click();
  await citizen.getByLabel('Wo soll der Container stehen?').fill('Vor der Hauptstraße 5');
  await citizen.getByRole('button', { name: 'Weiter' }).click();
  await citizen.getByLabel(/Ich willige ein/).check();
  await citizen.getByLabel(/Dokumente zu diesem Antrag/).check();
  await citizen.getByRole('button', { name: 'Weiter' }).click();
  await expect(citizen.getByText('Dokumente der Behörde erhalten Sie über Ihr Postfach.')).toBeVisible();
  await citizen.getByRole('button', { name: 'Antrag absenden' }).click();
  await expect(citizen.getByRole('heading', { name: 'Ihr Antrag ist eingegangen' })).toBeVisible();
  const number = citizen.url().match(/postfach\/(VG-[0-9A-Z-]+)\/eingereicht/)![1];
  await citizen.goto('/postfach');
  await expect(citizen.getByRole('link', { name: 'Postfach, 1 ungelesene Nachrichten' })).toBeVisible();

  // The caseworker gets the mail (a link only), finds the case in the Postkorb and takes it.
  const mail = await waitForMail(workerEmail, 'Neuer Antrag');
  expect(mail.text).toContain(`/sachbearbeitung/${number}`);
  expect(mail.text).not.toContain('Hauptstraße');
  await worker.getByRole('link', { name: 'Sachbearbeitung' }).click();
  await expect(worker.getByRole('heading', { name: 'Postkorb', level: 1 })).toBeVisible();
  await expectAccessible(worker);
  await worker.getByRole('link', { name: `${serviceName} – Erika Mustermann` }).click();
  await expect(worker.getByText(number, { exact: true })).toBeVisible();
  await expectAccessible(worker);
  await worker.getByRole('button', { name: 'In Bearbeitung nehmen' }).click();
  await expect(worker.getByText('Sie bearbeiten diesen Vorgang jetzt.')).toBeVisible();
  await expect(worker.getByRole('button', { name: 'In Bearbeitung nehmen' })).toHaveCount(0);
  await expectAccessible(worker);

  // A question: the citizen's open mailbox shows it live (after a reload without JavaScript).
  await worker.getByLabel('Ihre Rückfrage').fill('Wie lange soll der Container stehen?');
  await worker.getByRole('button', { name: 'Rückfrage senden' }).click();
  await expect(worker.getByText(/Ihre Rückfrage ist gesendet/)).toBeVisible();
  if (!js) await citizen.reload();
  await expect(citizen.getByRole('link', { name: 'Postfach, 2 ungelesene Nachrichten' })).toBeVisible({ timeout: 15_000 });
  await citizen.getByRole('link', { name: serviceName }).click();
  await expect(citizen.getByText('Wie lange soll der Container stehen?')).toBeVisible();
  await expect(citizen.getByText('Rückfrage', { exact: true }).first()).toBeVisible();

  // The citizen answers with a document.
  await citizen.getByLabel(/Neue Datei als Anhang hochladen/).setInputFiles({ name: 'Lageplan.pdf', mimeType: 'application/pdf', buffer: PDF });
  await citizen.getByRole('button', { name: 'Hochladen', exact: true }).click();
  await expect(citizen.getByLabel(/Anhang aus dem Dokumentensafe/)).toHaveValue(/.+/);
  await citizen.getByLabel('Ihre Nachricht').fill('Zwei Wochen, ab Montag.');
  await citizen.getByRole('button', { name: 'Antworten', exact: true }).click();
  await expect(citizen.getByText('Zwei Wochen, ab Montag.')).toBeVisible();

  // The caseworker sees the answer with the document, sets the fee and closes the case.
  await worker.reload();
  await expect(worker.getByText('Zwei Wochen, ab Montag.')).toBeVisible();
  await expect(worker.getByRole('link', { name: /Lageplan\.pdf/ })).toBeVisible();

  // The caseworker sends a document of the authority: uploaded for this case, offered for it.
  await worker.getByLabel(/Dokument für die antragstellende Person hochladen/).setInputFiles({ name: 'Stellplan.pdf', mimeType: 'application/pdf', buffer: PDF });
  await worker.getByRole('button', { name: 'Hochladen', exact: true }).click();
  await expect(worker.getByLabel('Dokument anhängen')).toHaveValue(/.+/);
  await expect(worker.getByLabel('Dokument anhängen').getByRole('option', { name: /Stellplan\.pdf/ })).toHaveCount(1);
  await worker.getByLabel('Ihre Nachricht', { exact: true }).fill('Anbei der Stellplan.');
  await worker.getByRole('button', { name: 'Nachricht senden' }).click();
  await expect(worker.getByText('Ihre Nachricht ist gesendet.')).toBeVisible();
  await citizen.goto(`/postfach/${number}`);
  await expect(citizen.getByText('Anbei der Stellplan.')).toBeVisible();
  await expect(citizen.getByRole('link', { name: /Stellplan\.pdf/ })).toBeVisible();
  await worker.getByLabel('Gebühr in Euro').fill('45,50');
  await worker.getByRole('button', { name: 'Gebühr festsetzen' }).click();
  await expect(worker.getByText(/Die Gebühr ist festgesetzt/)).toBeVisible();
  await worker.getByLabel('Neuer Status').selectOption({ label: 'abgeschlossen' });
  await worker.getByLabel('Nachricht an die antragstellende Person (freiwillig)').fill('Die Genehmigung ist erteilt.');
  await worker.getByRole('button', { name: 'Status ändern' }).click();
  await expect(worker.getByText(/Der Status ist geändert/)).toBeVisible();
  await expect(worker.getByRole('button', { name: 'Status ändern' })).toHaveCount(0);

  // The citizen sees the final status, the fee and the message.
  await citizen.goto(`/postfach/${number}`);
  await expect(citizen.getByText('Die Genehmigung ist erteilt.')).toBeVisible();
  await expect(citizen.getByText('45,50 €').first()).toBeVisible();
  await expect(citizen.getByRole('definition').filter({ hasText: /^abgeschlossen$/ })).toBeVisible();
  await expect(citizen.getByRole('button', { name: 'Antworten', exact: true })).toHaveCount(0);

  // The admin's log shows who did what.
  await adminNav(page).getByRole('link', { name: 'Protokoll' }).click();
  await expect(page.getByRole('cell', { name: 'In Bearbeitung genommen' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Rückfrage gesendet' }).first()).toBeVisible();
  await expectAccessible(page);
});
