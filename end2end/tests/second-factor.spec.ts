import { expect, test, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { activate, expectAccessible, linkIn, login, mailCount, register, uniqueEmail, waitForMail } from './support';

async function newAccountInMeinBereich(page: Page, prefix: string): Promise<string> {
  const email = uniqueEmail(prefix);
  await register(page, email);
  await activate(page, email);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Zwei-Faktor-Authentifizierung' })).toBeVisible();
  return email;
}

async function logout(page: Page) {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByText('Sie haben sich abgemeldet.')).toBeVisible();
}

test('set up an authenticator app, then log in with a code and with a recovery code', async ({ page }) => {
  const email = await newAccountInMeinBereich(page, 'totp');
  await page.getByLabel('Passwort zur Bestätigung der Einrichtung').fill('Grundsteuer#7');
  await page.getByRole('button', { name: 'Authentifizierungs-App einrichten' }).click();
  await expect(page.getByRole('heading', { name: 'Authentifizierungs-App einrichten' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'QR-Code für die Authentifizierungs-App' })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });

  await page.getByLabel('Sicherheitscode').fill(totp.generate());
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page.getByRole('heading', { name: 'Ihre Wiederherstellungscodes' })).toBeVisible();
  // The heading is there at once; the codes come with the page's data (allInnerTexts does not wait).
  const list = page.getByRole('list', { name: 'Ihre Wiederherstellungscodes' }).getByRole('listitem');
  await expect(list).toHaveCount(10);
  const codes = await list.allInnerTexts();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Ich habe die Codes gesichert' }).click();
  await expect(page.getByText('Sie melden sich mit einem Code aus Ihrer Authentifizierungs-App an.')).toBeVisible();
  await waitForMail(email, 'Ihr zweiter Faktor wurde geändert');

  // The password alone leads to the second step; a wrong code is explained next to the field.
  await logout(page);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Anmeldung bestätigen' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Sicherheitscode').fill('12345');
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page.getByRole('link', { name: /Der Sicherheitscode ist nicht richtig/ })).toBeVisible();
  // The setup used the current step's code; the next step's is new.
  await page.getByLabel('Sicherheitscode').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();

  await logout(page);
  await login(page, email);
  await page.getByLabel('Sicherheitscode').fill(codes[0]);
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
  await expect(page.getByText('Noch 9 Wiederherstellungscodes sind unbenutzt.')).toBeVisible();
});

test('log in with the e-mail link opened on another device', async ({ page, browser }, testInfo) => {
  const email = await newAccountInMeinBereich(page, 'link');
  await page.getByLabel('Passwort zur Bestätigung des E-Mail-Faktors').fill('Grundsteuer#7');
  await page.getByRole('button', { name: 'Anmeldelink per E-Mail verwenden' }).click();
  await expect(page.getByText('Ihr zweiter Faktor wurde geändert.')).toBeVisible();
  await logout(page);

  const earlier = await mailCount(email);
  await login(page, email);
  await expect(page.getByRole('heading', { name: 'Anmeldung bestätigen' })).toBeVisible();
  await expect(page.getByText('Wir haben Ihnen eine E-Mail mit einem Anmeldelink geschickt.')).toBeVisible();
  await expectAccessible(page);
  const link = linkIn(await waitForMail(email, 'Ihr Anmeldelink', earlier));

  const phone = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
  const phonePage = await phone.newPage();
  await phonePage.goto(link);
  await expectAccessible(phonePage);
  await phonePage.getByRole('button', { name: 'Anmeldung bestätigen' }).click();
  await expect(phonePage.getByRole('heading', { name: 'Anmeldung bestätigt' })).toBeVisible();
  await expectAccessible(phonePage);
  await phone.close();

  // With JavaScript the waiting page continues by itself; without, "Weiter" does.
  if (testInfo.project.use.javaScriptEnabled === false) {
    await page.getByRole('button', { name: 'Weiter' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
});
