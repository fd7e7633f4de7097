import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as OTPAuth from 'otpauth';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const maildev = process.env.E2E_MAILDEV_URL ?? 'http://127.0.0.1:1080';

export const PASSWORD = 'Grundsteuer#7';

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.de`;
}

type Mail = { subject: string; text: string; to: { address: string }[] };

async function mailsTo(to: string): Promise<Mail[]> {
  const all: Mail[] = await (await fetch(`${maildev}/api/email`)).json();
  return all.filter((m) => m.to.some((r) => r.address === to));
}

/** How many mails `to` has had so far (to wait for a newer one). */
export async function mailCount(to: string): Promise<number> {
  return (await mailsTo(to)).length;
}

/** The newest mail to `to` about `subject`, among those after the first `earlier` ones. */
export async function waitForMail(to: string, subject: string, earlier = 0): Promise<Mail> {
  for (let i = 0; i < 150; i++) {
    const hit = (await mailsTo(to)).slice(earlier).reverse().find((m) => m.subject.includes(subject));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} about ${subject}`);
}

export function linkIn(mail: Mail): string {
  const m = mail.text.match(/https?:\/\/\S+token=[A-Za-z0-9_-]+/);
  if (!m) throw new Error('no link in mail');
  return m[0];
}

/** Fails on any serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page) {
  // axe runs as a script in the page, which a page without JavaScript cannot do. The 'js'
  // project scans the same server-rendered markup.
  if (test.info().project.use.javaScriptEnabled === false) return;
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function register(page: Page, email: string, password = PASSWORD) {
  await page.goto('/registrieren');
  await page.getByLabel('Vorname').fill('Erika');
  await page.getByLabel('Nachname').fill('Mustermann');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByLabel('Passwort wiederholen').fill(password);
  await page.getByRole('checkbox', { name: /willige in die Verarbeitung/ }).check();
  await page.getByRole('button', { name: 'Registrieren' }).click();
  await expect(page.getByRole('heading', { name: 'Bitte bestätigen Sie Ihre E-Mail-Adresse' })).toBeVisible();
}

export async function activate(page: Page, email: string, earlier = 0) {
  await page.goto(linkIn(await waitForMail(email, 'Bitte bestätigen', earlier)));
  await page.getByRole('button', { name: 'Konto aktivieren' }).click();
  await expect(page.getByText('Ihr Konto ist aktiviert')).toBeVisible();
}

export async function login(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

/** Runs the portal's command line against the test portal's data (as its operator would). */
export function portalCli(args: string[]): string {
  const root = path.resolve(__dirname, '..', '..');
  const target = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
  const port = process.env.E2E_PORT ?? '3100';
  return execFileSync(path.join(target, 'debug', 'portal'), args, {
    encoding: 'utf8',
    env: {
      ...process.env,
      PORTAL_DATA_DIR: process.env.E2E_DATA_DIR ?? path.join(root, `.data-e2e-${port}`),
      PORTAL_BASE_URL: `http://localhost:${port}`,
      SMTP_URL: process.env.E2E_SMTP_URL ?? 'smtp://127.0.0.1:1025',
      PORTAL_LOG: 'warn',
    },
  });
}

/** On the page that requires a second factor: sets up the authenticator app. */
export async function setUpTotp(page: Page, password = PASSWORD) {
  await expect(page.getByRole('heading', { name: 'Zweiten Faktor einrichten' })).toBeVisible();
  await page.getByLabel('Passwort zur Bestätigung der Einrichtung').fill(password);
  await page.getByRole('button', { name: 'Authentifizierungs-App einrichten' }).click();
  const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  await page.getByLabel('Sicherheitscode').fill(totp.generate());
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page.getByRole('heading', { name: 'Ihre Wiederherstellungscodes' })).toBeVisible();
  await page.getByRole('link', { name: 'Ich habe die Codes gesichert' }).click();
  await expect(page.getByRole('heading', { name: 'Mein Bereich' })).toBeVisible();
}

/** Staff: the invitation link sets the password; the first login sets up the second factor. */
export async function acceptInvitation(page: Page, link: string, email: string) {
  await page.goto(link);
  await page.getByLabel('Neues Passwort', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Passwort wiederholen').fill(PASSWORD);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page).toHaveURL(/\/anmelden\?passwort=neu$/);
  await login(page, email);
  await setUpTotp(page);
}
