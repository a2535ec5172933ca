// The web app end to end, in the order a new workspace lives it: sign up, create leads, search,
// edit, log a call, delete and undo, switch language, change settings.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Api } from '../lib/api.js';
import { BASE, launch, shotPath, withShot } from '../lib/harness.js';

const OWNER = { workspace: 'Công ty Sen Thử', name: 'Lan', email: 'lan@sen-e2e.vn', password: 'mat khau rat dai 2026' };

describe('Sen web app', () => {
  let browser;
  let page;
  /** Another session of the same user, for changes made behind the page's back. */
  const other = new Api(BASE);

  before(async () => {
    ({ browser, page } = await launch());
  });

  after(async () => {
    await browser?.close();
  });

  const step = (name, fn) => test(name, () => withShot(page, name, fn));
  const rows = () => page.locator('#records tr.row');
  const listReady = () => page.waitForSelector('.list-page[data-state="ready"]');

  step('sign up creates the workspace and opens the leads list', async () => {
    await page.goto(`${BASE}/signup`);
    await page.fill('input[name="workspace_name"]', OWNER.workspace);
    await page.fill('input[name="name"]', OWNER.name);
    await page.fill('input[name="email"]', OWNER.email);
    await page.fill('input[name="password"]', OWNER.password);
    await page.click('#signup-submit');
    await page.waitForURL(`${BASE}/leads`);
    await listReady();
    assert.equal(await page.textContent('#list-title'), 'Lead');
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  });

  step('first load to an interactive list is measured', async () => {
    await page.goto(`${BASE}/leads`);
    await listReady();
    await page.waitForFunction(() => performance.getEntriesByName('sen:list-ready').length > 0);
    const ms = await page.evaluate(() => performance.getEntriesByName('sen:list-ready')[0].startTime);
    console.log(`# first load to interactive list: ${Math.round(ms)} ms (navigation start -> list rendered)`);
    assert.ok(ms > 0 && ms < 15_000, `list took ${ms} ms`);
  });

  step('a bad phone number is shown next to its field', async () => {
    await page.click('#quick-create-open');
    await page.fill('#quick-create input[name="name"]', 'Lê Sai Số');
    await page.fill('#quick-create input[name="phone"]', '12');
    await page.click('#quick-create-save');
    await page.waitForSelector('#quick-create .field-error[data-error-for="phones[0].number"]');
    await page.click('#quick-create-cancel');
    await page.waitForSelector('#quick-create', { state: 'hidden' });
  });

  step('create two leads: full form and quick create', async () => {
    await page.click('#create-record');
    await page.waitForURL(`${BASE}/leads/new`);
    await page.fill('#create-form input[name="last_name"]', 'Nguyễn Văn');
    await page.fill('#create-form input[name="first_name"]', 'An');
    await page.fill('#create-form input[name="phones[0].number"]', '0912 345 678');
    await page.click('#create-submit');
    await page.waitForFunction(() => document.querySelector('#record-title')?.textContent === 'Nguyễn Văn An');

    await page.click('#quick-create-open');
    await page.selectOption('#quick-create select[name="kind"]', 'lead');
    await page.fill('#quick-create input[name="name"]', 'Trần Thị Bình');
    await page.click('#quick-create-save');
    await page.waitForFunction(() => document.querySelector('#record-title')?.textContent === 'Trần Thị Bình');

    await page.click('#nav-leads');
    await listReady();
    await page.waitForFunction(() => document.querySelectorAll('#records tr.row').length === 2);
    assert.match(await page.textContent('#list-count'), /^2 /);
  });

  step('search ignores diacritics and phone formatting', async () => {
    await page.fill('#list-search', 'nguyen van an');
    await page.waitForFunction(() => document.querySelectorAll('#records tr.row').length === 1);
    assert.equal((await rows().first().locator('.c-name').textContent()).trim(), 'Nguyễn Văn An');

    await page.fill('#list-search', '0912345678');
    await page.waitForFunction(() => {
      const r = document.querySelectorAll('#records tr.row');
      return r.length === 1 && r[0].textContent.includes('Nguyễn Văn An');
    });

    await page.fill('#list-search', '');
    await page.waitForFunction(() => document.querySelectorAll('#records tr.row').length === 2);
    await page.screenshot({ path: shotPath('list'), fullPage: true });
  });

  step('detail: edit a field in place and log a call', async () => {
    await page.click('#records a:has-text("Nguyễn Văn An")');
    await page.waitForFunction(() => document.querySelector('#record-title')?.textContent === 'Nguyễn Văn An');
    await page.click('[data-field="job_title"] .inline-value');
    await page.fill('[data-field="job_title"] input', 'Giám đốc kinh doanh');
    await page.press('[data-field="job_title"] input', 'Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-field="job_title"] .inline-value')?.textContent === 'Giám đốc kinh doanh',
    );

    await page.click('[data-activity-kind="call"]');
    await page.fill('#activity-subject', 'Gọi tư vấn gói Pro');
    await page.fill('#activity-body', 'Khách hẹn gọi lại thứ Hai.');
    await page.click('#activity-submit');
    await page.waitForSelector('#timeline .activity[data-kind="call"]:has-text("Gọi tư vấn gói Pro")');
    await page.screenshot({ path: shotPath('detail'), fullPage: true });
  });

  step('an edit of a record changed elsewhere is refused until reload', async () => {
    const id = new URL(page.url()).pathname.split('/').pop();
    await other.login(OWNER.email, OWNER.password);
    const rec = await other.call('GET', `/leads/${id}`);
    await other.call('PATCH', `/leads/${id}`, { version: rec.version, national_id: '001099012345' });
    await page.click('[data-field="company_name"] .inline-value');
    await page.fill('[data-field="company_name"] input', 'Công ty ABC');
    await page.press('[data-field="company_name"] input', 'Enter');
    await page.waitForSelector('#stale-banner');
    await page.click('#reload-record');
    await page.waitForSelector('#stale-banner', { state: 'hidden' });
    await page.waitForFunction(
      () => document.querySelector('[data-field="national_id"] .inline-value')?.textContent === '001099012345',
    );
    // A reload on a deep path gets the app from the server's SPA fallback.
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#record-title')?.textContent === 'Nguyễn Văn An');
  });

  step('delete asks first, and undo brings the record back', async () => {
    const url = page.url();
    await page.click('#delete-record');
    await page.waitForSelector('#confirm-dialog');
    await page.click('#confirm-ok');
    await page.waitForURL(`${BASE}/leads`);
    await listReady();
    await page.waitForFunction(() => document.querySelectorAll('#records tr.row').length === 1);
    await page.click('.toast .toast-action');
    await page.waitForURL(url);
    await page.waitForFunction(() => document.querySelector('#record-title')?.textContent === 'Nguyễn Văn An');
    await page.click('#nav-leads');
    await page.waitForFunction(() => document.querySelectorAll('#records tr.row').length === 2);
  });

  step('bulk: tag two leads (a new tag), then undo from the toast', async () => {
    const tagCells = () => page.$$eval('#records tr.row .c-tags', (tds) => tds.map((td) => td.textContent));
    await page.check('#tick-all');
    await page.waitForSelector('#bulk-bar');
    await page.click('#bulk-tag');
    await page.fill('#bulk-tag-input', 'Khách VIP');
    await page.screenshot({ path: shotPath('bulk-bar'), fullPage: true });
    await page.click('#bulk-apply');
    const toast = page.locator('.toast', { hasText: '2 / 2' });
    await toast.waitFor();
    await page.waitForSelector('#bulk-bar', { state: 'hidden' });
    await page.waitForFunction(() => [...document.querySelectorAll('#records tr.row .c-tags')]
      .filter((td) => td.textContent.includes('Khách VIP')).length === 2);
    const tagged = await other.call('POST', '/leads/search', { filter: { tags_any: ['Khách VIP'] } });
    assert.equal(tagged.total, 2);
    await page.screenshot({ path: shotPath('bulk-tagged'), fullPage: true });

    await toast.locator('.toast-action').click();
    await page.waitForSelector('.toast:has-text("Đã hoàn tác")');
    await page.waitForFunction(() => {
      const tds = [...document.querySelectorAll('#records tr.row .c-tags')];
      return tds.length === 2 && tds.every((td) => !td.textContent.includes('Khách VIP'));
    });
    assert.deepEqual((await tagCells()).filter((t) => t.includes('Khách VIP')), []);
    const after = await other.call('POST', '/leads/search', { filter: { tags_any: ['Khách VIP'] } });
    assert.equal(after.total, 0);
  });

  step('views: All / Mine built in, a personal saved view kept across a reload', async () => {
    const rowCount = (n) => page.waitForFunction((n) => document.querySelectorAll('#records tr.row').length === n, n);
    await page.waitForSelector('#view-all.current');
    // Lan is in no team yet: "My team's" cannot apply.
    assert.equal(await page.isDisabled('#view-team'), true);
    await page.fill('#list-search', 'binh');
    await rowCount(1);
    await page.waitForSelector('#view-all:not(.current)');
    await page.click('#view-save');
    await page.fill('#view-name', 'Tìm Bình');
    await page.click('#view-save-confirm');
    await page.waitForSelector('.view-saved[data-view="Tìm Bình"] .view-tab.current');

    await page.click('#view-mine');
    await page.waitForSelector('#view-mine.current');
    await rowCount(2);
    assert.equal(await page.inputValue('#list-search'), '');
    await page.click('#view-all');
    await page.waitForSelector('#view-all.current');

    await page.reload();
    await listReady();
    await page.click('.view-saved[data-view="Tìm Bình"] .view-tab');
    await rowCount(1);
    assert.equal(await page.inputValue('#list-search'), 'binh');
    assert.equal((await rows().first().locator('.c-name').textContent()).trim(), 'Trần Thị Bình');
    await page.screenshot({ path: shotPath('saved-view'), fullPage: true });
    await page.click('#view-all');
    await rowCount(2);
  });

  step('pipeline: columns sum the amounts; move by menu, by drag, and to lost with a reason', async () => {
    await other.call('POST', '/opportunities', { name: 'ABC – gói Pro', amount: '15000000', currency: 'VND' });
    await other.call('POST', '/opportunities', { name: 'XYZ – gói Cơ bản', amount: '5000000', currency: 'VND' });
    const col = (stage) => `.board-col[data-stage="${stage}"]`;
    const sumIs = (stage, text) => page.waitForFunction(
      ([sel, text]) => document.querySelector(`${sel} .col-sum`)?.textContent === text, [col(stage), text]);
    await page.click('#nav-opportunities');
    await listReady();
    await page.click('#pipeline-open');
    await page.waitForSelector('#pipeline-page[data-state="ready"]');
    await sumIs('prospecting', '20.000.000 VND');
    assert.equal(await page.textContent(`${col('prospecting')} .col-count`), '2');

    await page.selectOption(`${col('prospecting')} .card:has-text("ABC") .stage-move`, 'proposal');
    await page.waitForSelector(`${col('proposal')} .card:has-text("ABC")`);
    await sumIs('proposal', '15.000.000 VND');
    await sumIs('prospecting', '5.000.000 VND');

    await page.dragAndDrop(`${col('prospecting')} .card:has-text("XYZ")`, col('negotiation'));
    await page.waitForSelector(`${col('negotiation')} .card:has-text("XYZ")`);
    await sumIs('negotiation', '5.000.000 VND');
    await sumIs('prospecting', '');

    // A lost stage needs a reason: asked for, then the move goes through.
    await page.selectOption(`${col('proposal')} .card:has-text("ABC") .stage-move`, 'lost');
    await page.waitForSelector('#lost-reason-dialog .field-error[data-error-for="lost_reason"]');
    await page.screenshot({ path: shotPath('pipeline-lost-reason'), fullPage: true });
    const reason = await page.$eval('#lost-reason-dialog select[name="lost_reason"] option:nth-child(2)', (o) => o.value);
    await page.selectOption('#lost-reason-dialog select[name="lost_reason"]', reason);
    await page.click('#lost-reason-ok');
    await page.waitForSelector(`${col('lost')} .card:has-text("ABC")`);
    await page.waitForSelector('#lost-reason-dialog', { state: 'detached' });
    await sumIs('lost', '15.000.000 VND');
    await page.screenshot({ path: shotPath('pipeline'), fullPage: true });
    await page.click('#nav-leads');
    await listReady();
  });

  step('convert a lead with a new account and a new opportunity', async () => {
    await page.click('#records a:has-text("Trần Thị Bình")');
    await page.waitForFunction(() => document.querySelector('#record-title')?.textContent === 'Trần Thị Bình');
    const leadUrl = page.url();
    const leadId = new URL(leadUrl).pathname.split('/').pop();
    await page.click('#convert-lead');
    await page.waitForSelector('#convert-dialog [data-part="contact"] input[value="new"]:checked');
    // An account without a name: the error is shown next to that field.
    await page.check('#convert-account-on');
    await page.fill('#convert-dialog input[name="account.create.name"]', '');
    await page.click('#convert-submit');
    await page.waitForSelector('#convert-dialog .field-error[data-error-for="account.create.name"]');

    await page.fill('#convert-dialog input[name="account.create.name"]', 'Công ty Bình Minh');
    await page.check('#convert-opportunity-on');
    await page.fill('#convert-dialog input[name="opportunity.create.name"]', 'Bình Minh – gói Pro');
    await page.fill('#convert-dialog input[name="opportunity.create.amount"]', '20.000.000');
    await page.screenshot({ path: shotPath('convert-dialog'), fullPage: true });
    await page.click('#convert-submit');
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.waitForFunction(() => document.querySelector('#record-title')?.textContent === 'Trần Thị Bình');

    const lead = await other.call('GET', `/leads/${leadId}`);
    assert.ok(lead.converted_at);
    assert.equal(lead.converted_to, new URL(page.url()).pathname.split('/').pop());
    const account = await other.call('GET', `/accounts/${lead.converted_account_id}`);
    assert.equal(account.name, 'Công ty Bình Minh');
    const opp = await other.call('GET', `/opportunities/${lead.converted_opportunity_id}`);
    assert.equal(opp.name, 'Bình Minh – gói Pro');
    assert.equal(Number(opp.amount), 20_000_000);

    await page.goto(leadUrl);
    await page.waitForSelector('#converted-banner');
    await page.waitForSelector('#convert-lead', { state: 'hidden' });
    await page.click('#nav-leads');
    await listReady();
  });

  const dupIds = {};

  step('duplicate warning on create: the candidates, then save anyway', async () => {
    // An admin sets the rule: contacts with the same phone are a warning.
    await page.click('#nav-settings');
    await page.click('#settings-duplicate-rules');
    await page.waitForSelector('#duplicate-rules-settings');
    await page.click('#duplicate-rules-settings .tab[data-kind="contacts"]');
    await page.click('#add-dup-rule');
    await page.waitForSelector('#dup-rules li[data-rule="0"] input[value="phone"]:checked');
    await page.click('#save-dup-rules');
    await page.waitForSelector('.toast:has-text("Đã lưu")');
    assert.deepEqual((await other.call('GET', '/settings/duplicate-rules/contacts')).rules, [{ criteria: ['phone'], action: 'warn' }]);
    const first = await other.call('POST', '/contacts', {
      last_name: 'Phạm Minh', first_name: 'Châu', phones: [{ number: '0987 654 321' }], job_title: 'Nhân viên',
    });
    dupIds.master = first.id;
    await page.click('#quick-create-open');
    await page.selectOption('#quick-create select[name="kind"]', 'contact');
    await page.fill('#quick-create input[name="name"]', 'Phạm Minh Châu');
    await page.fill('#quick-create input[name="phone"]', '+84987654321');
    await page.click('#quick-create-save');
    await page.waitForSelector(`#quick-create #dup-warning .dup-candidate[data-id="${first.id}"]`);
    assert.match(await page.textContent('#dup-warning .dup-candidate'), /Phạm Minh Châu/);
    await page.screenshot({ path: shotPath('duplicate-warning'), fullPage: true });
    await page.click('#save-anyway');
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.waitForFunction(() => document.querySelector('#record-title')?.textContent === 'Phạm Minh Châu');
    dupIds.slave = new URL(page.url()).pathname.split('/').pop();
    assert.notEqual(dupIds.slave, dupIds.master);
    const slave = await other.call('GET', `/contacts/${dupIds.slave}`);
    await other.call('PATCH', `/contacts/${dupIds.slave}`, { version: slave.version, job_title: 'Trưởng phòng' });
  });

  step('merge two duplicate contacts from the list (a field from the other record), then undo', async () => {
    await page.click('#nav-contacts');
    await listReady();
    await page.fill('#list-search', 'pham minh chau');
    await page.waitForFunction(() => document.querySelectorAll('#records tr.row').length === 2);
    await page.check('#tick-all');
    await page.click('#bulk-merge');
    await page.waitForSelector(`#merge-dialog th[data-id="${dupIds.master}"] input.merge-master:checked`);
    // The master keeps its own job title unless told otherwise: take the other one's.
    const pick = `#merge-table tr[data-field="job_title"] td[data-id="${dupIds.slave}"] input`;
    await page.waitForSelector(`#merge-table tr[data-field="job_title"] td[data-id="${dupIds.master}"] input:checked`);
    await page.check(pick);
    await page.click('#merge-preview');
    await page.waitForFunction(() => document.querySelector('#merge-table tr[data-field="job_title"] .merge-result')?.textContent === 'Trưởng phòng');
    await page.screenshot({ path: shotPath('merge-dialog'), fullPage: true });
    await page.click('#merge-submit');
    await page.waitForSelector('#merge-dialog', { state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('#records tr.row').length === 1);
    const merged = await other.call('GET', `/contacts/${dupIds.master}`);
    assert.equal(merged.job_title, 'Trưởng phòng');
    await assert.rejects(other.call('GET', `/contacts/${dupIds.slave}`), (e) => e.status === 404 && /merged_into/.test(e.message));

    await page.locator('.toast', { hasText: 'Đã gộp' }).locator('.toast-action').click();
    await page.waitForSelector('.toast:has-text("Đã hoàn tác gộp")');
    await page.waitForFunction(() => document.querySelectorAll('#records tr.row').length === 2);
    const restored = await other.call('GET', `/contacts/${dupIds.master}`);
    assert.equal(restored.job_title, 'Nhân viên');
    assert.equal((await other.call('GET', `/contacts/${dupIds.slave}`)).id, dupIds.slave);
  });

  step('find duplicates on a record page, merge them; the old address points to the master', async () => {
    await page.click(`#records tr.row[data-id="${dupIds.master}"] .c-name a`);
    await page.waitForSelector('#find-duplicates');
    await page.check('input[name="dup-criterion"][value="phone"]');
    await page.click('#find-duplicates');
    await page.waitForSelector(`#duplicate-list .dup-candidate[data-id="${dupIds.slave}"] input:checked`);
    await page.click('#merge-duplicates');
    await page.waitForSelector(`#merge-dialog th[data-id="${dupIds.master}"] input.merge-master:checked`);
    await page.click('#merge-submit');
    await page.waitForSelector('#merge-dialog', { state: 'detached' });
    await page.waitForSelector('.toast:has-text("Đã gộp")');
    await page.goto(`${BASE}/contacts/${dupIds.slave}`);
    await page.waitForSelector('#merged-into');
    await page.click('#merged-into a');
    await page.waitForURL(`${BASE}/contacts/${dupIds.master}`);
    await page.waitForFunction(() => document.querySelector('#record-title')?.textContent === 'Phạm Minh Châu');
    await page.click('#nav-leads');
    await listReady();
  });

  step('language switch: English and back, remembered across a reload', async () => {
    assert.equal(await page.textContent('#nav-settings'), 'Cài đặt');
    await page.click('#lang-en');
    await page.waitForFunction(() => document.querySelector('#nav-settings')?.textContent === 'Settings');
    assert.equal(await page.textContent('#list-title'), 'Leads');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    await listReady();
    assert.equal(await page.textContent('#nav-settings'), 'Settings');
    await page.click('#lang-vi');
    await page.waitForFunction(() => document.querySelector('#nav-settings')?.textContent === 'Cài đặt');
    assert.equal(await page.textContent('#list-title'), 'Lead');
  });

  step('settings: add a tag and a custom field', async () => {
    await page.click('#nav-settings');
    await page.waitForSelector('#settings-tags');
    await page.fill('#tag-form input[name="tag_name"]', 'Hội chợ 2026');
    await page.click('#tag-submit');
    await page.waitForSelector('#tag-list tr[data-tag="Hội chợ 2026"]');

    await page.click('#settings-custom-fields');
    await page.waitForSelector('#custom-field-form');
    await page.fill('#custom-field-form input[name="key"]', 'cccd_issued');
    await page.fill('#custom-field-form input[name="label_vi"]', 'Ngày cấp CCCD');
    await page.fill('#custom-field-form input[name="label_en"]', 'ID card issued on');
    await page.selectOption('#custom-field-form select[name="field_type"]', 'date');
    await page.click('#custom-field-submit');
    await page.waitForSelector('#custom-field-list tr[data-key="cccd_issued"]');
    await page.reload();
    await page.waitForSelector('#custom-field-list tr[data-key="cccd_issued"]');

    // The new field is on the lead's page at once.
    await page.click('#nav-leads');
    await page.click('#records a:has-text("Nguyễn Văn An")');
    await page.waitForSelector('[data-field="custom.cccd_issued"]');
  });

  step('a long list keeps only the visible rows in the page; select all matching', async () => {
    for (let b = 0; b < 25; b++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => other.call('POST', '/leads', {
        last_name: 'Khách', first_name: `Số ${b * 10 + i}`,
      })));
    }
    await page.click('#nav-leads');
    await page.waitForFunction(() => document.querySelector('#list-count')?.textContent.startsWith('252 '));
    // Scrolling to the end loads the next pages (keyset cursor) until all are there.
    for (let k = 0; k < 20; k++) {
      const loaded = Number(await page.getAttribute('.list-page', 'data-loaded'));
      if (loaded === 252) break;
      await page.$eval('.table-scroll', (el) => { el.scrollTop = el.scrollHeight; });
      await page.waitForTimeout(250);
    }
    assert.equal(await page.getAttribute('.list-page', 'data-loaded'), '252');
    const inDom = await rows().count();
    assert.ok(inDom > 5 && inDom < 80, `${inDom} rows in the DOM for 252 loaded`);
    // The oldest record is the last row: at the end of the scroll, and only there.
    await page.$eval('.table-scroll', (el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForSelector('#records tr.row:has-text("Nguyễn Văn An")');
    await page.$eval('.table-scroll', (el) => { el.scrollTop = 0; });
    await page.waitForSelector('#records tr.row:has-text("Nguyễn Văn An")', { state: 'detached' });

    await page.check('#tick-all');
    await page.waitForFunction(() => document.querySelector('#selection-count')?.textContent.endsWith(' 252'));
    await page.click('#clear-selection');
    await page.waitForSelector('#selection-bar', { state: 'hidden' });
    await page.locator('#records tr.row input[type="checkbox"]').first().check();
    await page.click('#select-all-matching');
    await page.waitForFunction(() => document.querySelector('#selection-count')?.textContent.endsWith(' 252'));
    await page.click('#clear-selection');
  });

  step('bulk on all matching (sent as the filter): change status, then undo', async () => {
    const nurturing = async () => (await other.call('POST', '/leads/search', { filter: { status: ['nurturing'] }, limit: 1 })).total;
    await page.fill('#list-search', 'khach so');
    await page.waitForFunction(() => document.querySelector('#list-count')?.textContent.startsWith('250 '));
    await page.locator('#records tr.row input[type="checkbox"]').first().check();
    await page.click('#select-all-matching');
    await page.waitForFunction(() => document.querySelector('#selection-count')?.textContent.endsWith(' 250'));
    await page.click('#bulk-status-open');
    await page.selectOption('#bulk-status', 'nurturing');
    await page.click('#bulk-apply');
    const toast = page.locator('.toast', { hasText: '250 / 250' });
    await toast.waitFor();
    assert.equal(await nurturing(), 250);
    await toast.locator('.toast-action').click();
    for (let k = 0; k < 50 && (await nurturing()) !== 0; k++) await page.waitForTimeout(100);
    assert.equal(await nurturing(), 0);
    await page.fill('#list-search', '');
    await page.waitForFunction(() => document.querySelector('#list-count')?.textContent.startsWith('252 '));
  });

  step('import a small .xlsx watching the progress bar reach 100%', async () => {
    // The template's example row (Nguyễn Văn An, 0912 345 678) is importable; that lead exists
    // already, so the row is imported with the "create anyway" duplicate mode.
    const api = new Api(BASE);
    await api.login(OWNER.email, OWNER.password);
    const r = await fetch(`${BASE}/api/v1/imports/template?kind=leads&format=xlsx`, {
      headers: { Authorization: `Bearer ${api.tokens.access_token}` },
    });
    assert.equal(r.status, 200);
    const file = path.join(os.tmpdir(), `sen-import-${process.pid}.xlsx`);
    await fs.writeFile(file, Buffer.from(await r.arrayBuffer()));

    await page.click('#nav-leads');
    await listReady();
    await page.click('#import-open');
    await page.waitForURL(`${BASE}/leads/import`);
    await page.setInputFiles('#import-file', file);
    await page.click('#import-upload');
    await page.waitForSelector('#import-wizard[data-step="2"]');
    const mapped = await page.$$eval('#import-mapping tbody select', (els) => els.filter((e) => e.value).length);
    assert.ok(mapped > 1, 'the suggested mapping fills the selects');
    await page.selectOption('#import-mode', 'create');
    await page.fill('#import-tags', 'excel-e2e');
    await page.click('#import-preview');
    await page.waitForSelector('#import-preview-totals[data-total="1"]');
    assert.equal(await page.getAttribute('#import-preview-totals', 'data-created'), '1');
    await page.click('#import-run');
    await page.waitForSelector('#import-progress');
    await page.waitForFunction(() => document.querySelector('#import-percent')?.textContent === '100%');
    assert.equal(await page.getAttribute('#import-progress', 'value'), '100');
    await page.waitForSelector('#import-counts[data-created="1"]');
    await page.waitForSelector('#import-undo');
    await page.screenshot({ path: shotPath('import-wizard'), fullPage: true });

    const id = await page.getAttribute('.import-progress', 'data-import-id');
    const rows = await api.call('GET', `/imports/${id}/rows`);
    assert.equal(rows.items.length, 1);
    assert.equal(rows.items[0].outcome, 'created');
    const lead = await api.call('GET', `/leads/${rows.items[0].record_id}`);
    assert.equal(lead.last_name, 'Nguyễn Văn');
    assert.equal(lead.first_name, 'An');
    await fs.rm(file, { force: true });
  });

  step('ten thousand loaded contacts scroll without jank', async () => {
    // 10,000 contacts through the import API (a CSV), so the list has real rows to load.
    const api = new Api(BASE);
    await api.login(OWNER.email, OWNER.password);
    const N = 10_000;
    const csv = ['last_name,first_name,phones'];
    for (let i = 0; i < N; i++) csv.push(`Trần,Cuộn ${i},09${String(60_000_000 + i).padStart(8, '0')}`);
    const form = new FormData();
    form.append('kind', 'contacts');
    form.append('file', new Blob([csv.join('\n')], { type: 'text/csv' }), 'cuon.csv');
    const auth = { Authorization: `Bearer ${api.tokens.access_token}` };
    const up = await (await fetch(`${BASE}/api/v1/imports`, { method: 'POST', headers: auth, body: form })).json();
    assert.ok(up.id, JSON.stringify(up));
    await api.call('POST', `/imports/${up.id}/run`, { mapping: up.suggested_mapping });
    let state = '';
    for (let k = 0; k < 600 && state !== 'done'; k++) {
      state = (await api.call('GET', `/imports/${up.id}`)).state;
      assert.notEqual(state, 'failed');
      if (state !== 'done') await page.waitForTimeout(100);
    }
    assert.equal(state, 'done');

    await page.goto(`${BASE}/contacts`);
    await listReady();
    // Scroll to the end until no page is left (100 rows per keyset page).
    let loaded = 0;
    for (let k = 0; k < 250; k++) {
      await page.$eval('.table-scroll', (el) => { el.scrollTop = el.scrollHeight; });
      const grew = await page.waitForFunction((before) => Number(document.querySelector('.list-page')?.dataset.loaded) > before,
        loaded, { timeout: 3_000 }).then(() => true, () => false);
      const now = Number(await page.getAttribute('.list-page', 'data-loaded'));
      if (!grew && now === loaded) break;
      loaded = now;
    }
    assert.ok(loaded >= N, `${loaded} rows loaded`);

    // Then scroll the whole list top to bottom, a step per frame, timing every frame.
    const frames = await page.evaluate(async () => {
      const el = document.querySelector('.table-scroll');
      el.scrollTop = 0;
      await new Promise((r) => requestAnimationFrame(() => r()));
      const steps = 300;
      const stride = (el.scrollHeight - el.clientHeight) / steps;
      const times = [];
      let last = performance.now();
      let maxRows = 0;
      for (let i = 1; i <= steps; i++) {
        el.scrollTop = Math.round(i * stride);
        await new Promise((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        times.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, document.querySelectorAll('#records tr.row').length);
      }
      times.sort((a, b) => a - b);
      return { p50: times[Math.floor(times.length * 0.5)], p95: times[Math.floor(times.length * 0.95)], max: times[times.length - 1], maxRows };
    });
    console.log(`# scrolling ${loaded} loaded rows: frame p50 ${frames.p50.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms, `
      + `longest ${frames.max.toFixed(1)} ms; at most ${frames.maxRows} rows in the DOM`);
    assert.ok(frames.maxRows > 5 && frames.maxRows < 80, `${frames.maxRows} rows in the DOM for ${loaded} loaded`);
    // Jank is a frame well over the 16.7 ms budget; allow a loaded CI machine some slack.
    assert.ok(frames.p95 < 50, `frame p95 ${frames.p95} ms`);
    await page.click('#nav-leads');
    await listReady();
  });

  step('an expired access token is refreshed without the user noticing', async () => {
    // The server runs with SEN_ACCESS_TTL_SECS=5 (see the Makefile): wait past it.
    const before = await page.evaluate(() => JSON.parse(localStorage.getItem('sen.tokens')).access_token);
    await page.waitForTimeout(6_000);
    await page.click('#nav-contacts');
    await page.waitForFunction(() => document.querySelector('.list-page[data-kind="contacts"]')?.dataset.state === 'ready');
    const now = await page.evaluate(() => JSON.parse(localStorage.getItem('sen.tokens')).access_token);
    assert.notEqual(now, before);
    assert.equal(new URL(page.url()).pathname, '/contacts');
  });

  step('a lost session goes to the login screen; logging in comes back', async () => {
    await page.evaluate(() => {
      const t = JSON.parse(localStorage.getItem('sen.tokens'));
      localStorage.setItem('sen.tokens', JSON.stringify({ ...t, access_token: 'expired.or.forged', refresh_token: 'gone' }));
    });
    await page.click('#nav-leads');
    await page.waitForURL(`${BASE}/login`);
    await page.fill('#login-form input[name="email"]', OWNER.email);
    await page.fill('#login-form input[name="password"]', 'not the password');
    await page.click('#login-submit');
    await page.waitForSelector('#login-form .form-error');
    await page.fill('#login-form input[name="password"]', OWNER.password);
    await page.click('#login-submit');
    await page.waitForURL(`${BASE}/leads`);
    await listReady();
    await page.click('#logout');
    await page.waitForURL(`${BASE}/login`);
    assert.equal(await page.evaluate(() => localStorage.getItem('sen.tokens')), null);
  });
});
