import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

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
