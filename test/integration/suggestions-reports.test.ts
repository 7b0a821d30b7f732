import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai, yearOfDay } from '../../src/domain/due-dates.js';
import * as service from '../../src/server/modules/suggestions/suggestions.service.js';
import { buildAssignedSuggestion, buildSuggestion, buildSuggestionWorld, loginAs, replyAsLead, type SuggestionWorld } from '../helpers/suggestion-factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const year = yearOfDay(todayInShanghai());

describe('suggestions: Chinese full-text search', () => {
  let w: SuggestionWorld;
  let lamp: string;
  let school: string;

  it('finds a word from the middle of a sentence in the title or the content; unrelated words find nothing', async () => {
    const db = ctx.database.db;
    w = await buildSuggestionWorld(db);
    lamp = await buildSuggestion(db, w, { title: '关于改善东山村夜间照明条件的建议', content: '东山村主干道夜间没有照明，群众出行存在安全隐患，建议增设太阳能路灯并定期维护。' });
    school = await buildSuggestion(db, w, { title: '关于修缮西河村小学校舍的建议', content: '西河村小学教学楼屋顶漏雨，墙体开裂，请尽快安排资金维修。' });
    const office = await loginAs(ctx.app, w.office);
    const search = async (q: string) => {
      const r = await office.request('GET', `/api/v1/townships/${w.township.id}/suggestions?search=${encodeURIComponent(q)}`);
      expect(r.statusCode).toBe(200);
      return (r.json().items as { id: string }[]).map((s) => s.id).sort();
    };
    expect(await search('路灯')).toEqual([lamp]);
    expect(await search('太阳能')).toEqual([lamp]);
    expect(await search('安全隐患')).toEqual([lamp]);
    expect(await search('屋顶漏雨')).toEqual([school]);
    expect(await search('校舍')).toEqual([school]);
    expect(await search('村')).toEqual([lamp, school].sort());
    expect(await search('自来水')).toEqual([]);
    expect(await search('幼儿园')).toEqual([]);
    expect(await search('路面硬化')).toEqual([]);
    // The reference number still finds its suggestion.
    const ref = (await db.selectFrom('suggestions').select('ref_no').where('id', '=', school).executeTakeFirstOrThrow()).ref_no!;
    expect(await search(ref)).toEqual([school]);
  });

  it('keeps the index in step with an edit, in the same transaction', async () => {
    const db = ctx.database.db;
    const draft = await buildSuggestion(db, w, { title: '关于整治村庄环境的建议', content: '村内垃圾随意堆放。', submit: false });
    const office = await loginAs(ctx.app, w.office);
    const author = await loginAs(ctx.app, w.author.user);
    const find = async (q: string) => ((await author.request('GET', `/api/v1/townships/${w.township.id}/suggestions?search=${encodeURIComponent(q)}`)).json().items as { id: string }[]).map((s) => s.id);
    expect(await find('垃圾')).toEqual([draft]);
    await service.updateSuggestion(db, w.author.actor, draft, { content: '村内污水直排河道，气味难闻。' });
    expect(await find('垃圾')).toEqual([]);
    expect(await find('污水')).toEqual([draft]);
    // The office does not see another's draft, search or not.
    expect((await office.request('GET', `/api/v1/townships/${w.township.id}/suggestions?search=${encodeURIComponent('污水')}`)).json().total).toBe(0);
  });
});

describe('suggestions: statistics, export and the handling report', () => {
  let w: SuggestionWorld;

  it('counts by kind, category and state besides unit', async () => {
    const db = ctx.database.db;
    w = await buildSuggestionWorld(db);
    const a = await buildAssignedSuggestion(db, w, { title: '关于硬化东山村道路的建议' });
    await replyAsLead(db, w, a, 'A');
    await service.giveFeedback(db, w.author.actor, a, { rating: 'satisfied' });
    await buildAssignedSuggestion(db, w, { kind: 'criticism', title: '关于窗口服务态度的批评' });
    await buildSuggestion(db, w, { kind: 'opinion', title: '关于集市管理的意见' });
    const office = await loginAs(ctx.app, w.office);
    const stats = (await office.request('GET', `/api/v1/townships/${w.township.id}/suggestion-stats?year=${year}`)).json();
    const byKey = (list: { key: string }[]) => Object.fromEntries(list.map((g) => [g.key, g]));
    expect(byKey(stats.byKind)).toMatchObject({ suggestion: { label: '建议', count: 1, replied: 1, closed: 1 }, criticism: { count: 1, assigned: 1 }, opinion: { count: 1, assigned: 0 }, motion: { count: 0 } });
    expect(byKey(stats.byCategory)).toMatchObject({ 交通: { count: 2, assigned: 2 }, '': { label: '未分类', count: 1 } });
    expect(byKey(stats.byState)).toMatchObject({ closed: { label: '已办结', count: 1 }, assigned: { count: 1 }, submitted: { count: 1 } });
    expect(stats.total).toMatchObject({ assigned: 2, replied: 1 });
  });

  it('exports the filtered list to .xlsx with the list’s filters', async () => {
    const office = await loginAs(ctx.app, w.office);
    const rowsOf = async (query: string) => {
      const r = await office.request('GET', `/api/v1/townships/${w.township.id}/suggestions/export?${query}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const titles: string[] = [];
      ws.eachRow((row, n) => { if (n > 1) titles.push(String(row.getCell(3).value)); });
      return { titles, disposition: String(r.headers['content-disposition']) };
    };
    const all = await rowsOf(`year=${year}`);
    expect(all.titles.sort()).toEqual(['关于硬化东山村道路的建议', '关于窗口服务态度的批评', '关于集市管理的意见'].sort());
    expect(all.disposition).toContain(encodeURIComponent(`${year}年代表建议办理情况.xlsx`));
    expect((await rowsOf(`year=${year}&kind=criticism`)).titles).toEqual(['关于窗口服务态度的批评']);
    expect((await rowsOf(`year=${year}&state=closed`)).titles).toEqual(['关于硬化东山村道路的建议']);
    expect((await rowsOf(`state=assigned&state=submitted`)).titles.sort()).toEqual(['关于窗口服务态度的批评', '关于集市管理的意见'].sort());
    expect((await rowsOf(`category=${encodeURIComponent('交通')}&search=${encodeURIComponent('窗口服务')}`)).titles).toEqual(['关于窗口服务态度的批评']);
    expect((await rowsOf(`unitId=${w.lead.unit.id}&overdue=true`)).titles).toEqual([]);
    expect((await office.request('GET', `/api/v1/townships/${w.township.id}/suggestions/export?bogus=1`)).statusCode).toBe(400);
  });

  it('writes the handling report (代表法 第52条) as a .docx holding the figures', async () => {
    const office = await loginAs(ctx.app, w.office);
    const r = await office.request('GET', `/api/v1/townships/${w.township.id}/suggestions/handling-report.docx?year=${year}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(r.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(`关于${year}年代表建议、批评和意见办理情况的报告`);
    expect(text).toContain(`共提出议案、建议、批评和意见3件，其中议案0件、建议1件、批评1件、意见1件`);
    expect(text).toContain('立案2件，退回0件，待立案1件');
    expect(text).toContain('立案后交由1个承办单位办理，共交办2件');
    expect(text).toContain('已答复1件，其中按期答复1件，按期答复率100.0%；逾期未答复0件');
    expect(text).toContain('A类（已解决）1件，B类（正在解决或列入计划解决）0件');
    expect(text).toContain('满意1件，基本满意0件，不满意0件，满意率100.0%');
    expect(text).toContain('因代表不满意重新办理0件');
    expect(text).toContain('已落实1件');
    // A table per unit and the list of results.
    expect(text).toContain('各承办单位办理情况');
    expect(text).toContain('村镇建设办公室');
    expect(text).toContain('关于窗口服务态度的批评');
    expect(text).toContain(`${w.township.name}人大主席团`);
    expect(xml).toContain('<w:tbl>');
    // Another township's office cannot have it.
    const other = await buildSuggestionWorld(ctx.database.db);
    const outsider = await loginAs(ctx.app, other.office);
    expect((await outsider.request('GET', `/api/v1/townships/${w.township.id}/suggestions/handling-report.docx?year=${year}`)).statusCode).toBe(404);
  });
});
