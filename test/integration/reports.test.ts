import { Document, Packer, Paragraph } from 'docx';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/demo.js';
import { collectYearFacts } from '../../src/server/modules/reports/facts.service.js';
import { FACTS_PROVIDERS } from '../../src/server/modules/reports/facts.providers.js';
import { blocksText, buildSummary } from '../../src/server/modules/reports/summary.template.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createTestContext, login, upload, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let demo: { id: string; code: string };
let office: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  await loadDemo(ctx.database.db);
  demo = await ctx.database.db.selectFrom('townships').select(['id', 'code']).where('code', '=', '999999101').executeTakeFirstOrThrow();
  office = await login(ctx.app, 'office', DEMO_PASSWORD);
}, 120_000);
afterAll(async () => { await ctx.close(); });

interface FactJson { key: string; value: unknown; unit: string | null; records: { kind: string; ids: string[]; count: number } | null; link: string | null }
interface FactsJson { township: { id: string }; year: number; sections: { key: string; available: boolean; facts: FactJson[] }[] }

async function facts(s: Session, year = 2025, query = ''): Promise<Map<string, FactJson>> {
  const res = await s.request('GET', `/api/v1/reports/facts?year=${year}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return new Map((res.json() as FactsJson).sections.flatMap((x) => x.facts).map((f) => [f.key, f]));
}

/** The text of each paragraph of a .docx's document.xml. */
function docxParagraphs(buf: Buffer): { xml: string; styles: string; paragraphs: string[]; zip: PizZip } {
  const zip = new PizZip(buf);
  const xml = zip.file('word/document.xml')!.asText();
  const styles = zip.file('word/styles.xml')!.asText();
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
  return { xml, styles, paragraphs, zip };
}

/** The <w:p> element whose text starts with `start`. */
function paragraphXml(xml: string, start: string): string {
  const p = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((x) => [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('').startsWith(start));
  expect(p, `paragraph starting ${start}`).toBeDefined();
  return p!;
}

const num = (m: Map<string, FactJson>, key: string) => m.get(key)!.value as number;

describe('year facts (年度数据)', () => {
  it('computes every section of the demo year 2025 from the records, each figure with the ids it counted and a link', async () => {
    const db = ctx.database.db;
    const f = await facts(office);
    // Sessions: the two sittings of 2025, attendance as marked.
    expect(num(f, 'sessions.count')).toBe(2);
    const sessions = await db.selectFrom('congress_sessions').select(['id']).where('township_id', '=', demo.id).where('start_date', '>=', '2025-01-01').where('start_date', '<=', '2025-12-31').execute();
    expect([...f.get('sessions.count')!.records!.ids].sort()).toEqual(sessions.map((s) => s.id).sort());
    for (const row of f.get('sessions.list')!.value as { present: number; total: number; date: string }[]) {
      const s = await db.selectFrom('congress_sessions').select('id').where('township_id', '=', demo.id).where('start_date', '=', row.date).executeTakeFirstOrThrow();
      const seats = await db.selectFrom('session_seats').select('status').where('session_id', '=', s.id).execute();
      expect(row).toMatchObject({ total: seats.length, present: seats.filter((x) => x.status === 'present').length });
    }
    // Motions (议案) put to those sittings: one of five deputies on the agenda, one of two handed on as a suggestion.
    const motions = await db.selectFrom('motions').select(['id', 'state']).where('township_id', '=', demo.id).where('session_id', 'in', sessions.map((s) => s.id)).execute();
    expect(num(f, 'sessions.motionsCount')).toBe(2);
    expect([...f.get('sessions.motionsCount')!.records!.ids].sort()).toEqual(motions.map((m) => m.id).sort());
    expect(f.get('sessions.motionsOnAgenda')!.records!.ids).toEqual(motions.filter((m) => m.state === 'on_agenda').map((m) => m.id));
    expect(num(f, 'sessions.motionsOnAgenda')).toBe(1);
    expect(num(f, 'sessions.motionsConverted')).toBe(1);
    expect(f.get('sessions.motions')!.value).toEqual([
      expect.objectContaining({ title: '关于实施镇区污水管网改造的议案', outcome: '列入大会议程' }),
      expect.objectContaining({ title: '关于增设东山村公交站点的议案', outcome: '作为建议交办' }),
    ]);
    // Suggestions of 2025, drafts and withdrawn left out; on time = first-round replies on time.
    const sugg = await db.selectFrom('suggestions').select(['id', 'feedback', 'implementation']).where('township_id', '=', demo.id).where('year', '=', 2025).where('state', 'not in', ['draft', 'withdrawn']).execute();
    expect(num(f, 'suggestions.received')).toBe(sugg.length);
    expect(f.get('suggestions.received')!.records!.ids.sort()).toEqual(sugg.map((s) => s.id).sort());
    expect(num(f, 'suggestions.satisfied')).toBe(sugg.filter((s) => s.feedback === 'satisfied' || s.feedback === 'basically_satisfied').length);
    expect(num(f, 'suggestions.implemented')).toBe(sugg.filter((s) => s.implementation === 'implemented').length);
    const onTime = await db.selectFrom('suggestion_replies').select('suggestion_id').where('township_id', '=', demo.id).where('round', '=', 1).where('is_on_time', '=', true)
      .where('suggestion_id', 'in', sugg.map((s) => s.id)).execute();
    expect(num(f, 'suggestions.repliedOnTime')).toBe(new Set(onTime.map((r) => r.suggestion_id)).size);
    expect(f.get('suggestions.repliedOnTimeRate')!.value).toBe(`${(Math.round((num(f, 'suggestions.repliedOnTime') / num(f, 'suggestions.assigned')) * 1000) / 10).toFixed(1)}%`);
    // 述职评议, voter contact, inspections, study, presidium, presidium meetings: all present in the demo.
    expect(num(f, 'duty.evaluations.count')).toBe(1);
    expect(num(f, 'duty.evaluations.deputies')).toBe(2);
    const attendees = await db.selectFrom('duty_evaluation_attendees').select('count').where('township_id', '=', demo.id).where('evaluation_id', 'in', f.get('duty.evaluations.count')!.records!.ids).execute();
    expect(num(f, 'duty.evaluations.attendees')).toBe(attendees.reduce((s, a) => s + a.count, 0));
    expect(num(f, 'duty.voterContact.personTimes')).toBeGreaterThan(0);
    expect(num(f, 'duty.opinions.collected')).toBeGreaterThan(num(f, 'duty.opinions.consolidated'));
    expect(num(f, 'duty.inspections.count')).toBe(4);
    expect(num(f, 'duty.study.count')).toBeGreaterThanOrEqual(1);
    expect(f.get('presidium.chair')!.value).toBeTruthy();
    expect((f.get('presidium.assignments')!.value as unknown[]).length).toBeGreaterThan(0);
    // 分片挂点 in force at the end of 2025: in 2026 one village moved from the chair to a vice-chair.
    const areas = await db.selectFrom('area_assignments').select(['id', 'village_id', 'created_at', 'ended_at']).where('township_id', '=', demo.id).execute();
    const inForce2025 = areas.filter((a) => a.created_at <= '2025-12-31T16:00:00.000Z' && (a.ended_at === null || a.ended_at > '2025-12-31T16:00:00.000Z'));
    expect(f.get('presidium.assignments')!.records!.ids.sort()).toEqual(inForce2025.map((a) => a.id).sort());
    expect(num(f, 'presidium.assignmentCount')).toBe(inForce2025.filter((a) => a.village_id).length);
    const f2026 = await facts(office, 2026);
    const villagesOf = (m: Map<string, FactJson>) => new Map((m.get('presidium.assignments')!.value as { position: string; leader: string; villages: string }[])
      .map((r) => [`${r.position}${r.leader}`, r.villages.split('、')]));
    const [v2025, v2026] = [villagesOf(f), villagesOf(f2026)];
    const chairKey = `主席${f.get('presidium.chair')!.value}`;
    const moved = v2025.get(chairKey)!.filter((v) => !v2026.get(chairKey)!.includes(v));
    expect(moved).toHaveLength(1);
    expect([...v2025.entries()].filter(([k]) => k !== chairKey).some(([, vs]) => vs.includes(moved[0]!))).toBe(false);
    expect([...v2026.entries()].filter(([k]) => k !== chairKey).some(([, vs]) => vs.includes(moved[0]!))).toBe(true);
    expect(num(f2026, 'presidium.assignmentCount')).toBe(num(f, 'presidium.assignmentCount'));
    expect(num(f, 'presidiumMeetings.count')).toBe(4);
    for (const fact of f.values()) {
      if (fact.key.startsWith('report.')) continue;
      expect(fact.link, fact.key).toMatch(/^\/app\//);
      expect(fact.records, fact.key).not.toBeNull();
    }
  });

  it('another township\u2019s office gets 404; a deputy is refused; a county admin sees the county\u2019s townships only by naming one', async () => {
    const db = ctx.database.db;
    const other = await buildTownship(db);
    const outsider = await login(ctx.app, (await buildUser(db, other.id, 'office')).username, TEST_PASSWORD);
    expect((await outsider.request('GET', `/api/v1/reports/facts?year=2025&townshipId=${demo.id}`)).statusCode).toBe(404);
    expect((await outsider.request('GET', `/api/v1/reports/summary.docx?year=2025&townshipId=${demo.id}`)).statusCode).toBe(404);
    const before = await db.selectFrom('report_narratives').select('id').where('township_id', '=', demo.id).execute();
    expect((await outsider.request('PUT', `/api/v1/reports/narratives/sessions?year=2025&townshipId=${demo.id}`, { body: '外乡镇的改写' })).statusCode).toBe(404);
    expect((await outsider.request('POST', `/api/v1/reports/summary/publish?year=2025&townshipId=${demo.id}`)).statusCode).toBe(404);
    expect(await db.selectFrom('report_narratives').select('id').where('township_id', '=', demo.id).execute()).toEqual(before);
    // Its own township: an empty year.
    const own = await facts(outsider);
    expect(num(own, 'sessions.count')).toBe(0);

    const deputy = await login(ctx.app, 'deputy', DEMO_PASSWORD).catch(() => null);
    if (deputy) expect((await deputy.request('GET', '/api/v1/reports/facts?year=2025')).statusCode).toBe(403);

    const county = await login(ctx.app, (await buildUser(db, null, 'county_admin', { countyCode: '999999' })).username, TEST_PASSWORD);
    expect(num(await facts(county, 2025, `&townshipId=${demo.id}`), 'sessions.count')).toBe(2);
    expect((await county.request('GET', `/api/v1/reports/facts?year=2025&townshipId=${other.id}`)).statusCode).toBe(404);
    expect((await county.request('PUT', `/api/v1/reports/narratives/sessions?year=2025&townshipId=${demo.id}`, { body: '县里改写' })).statusCode).toBe(403);

    const presidium = await login(ctx.app, (await buildUser(db, demo.id, 'presidium')).username, TEST_PASSWORD);
    expect(num(await facts(presidium), 'sessions.count')).toBe(2);
    expect((await presidium.request('PUT', '/api/v1/reports/narratives/sessions?year=2025', { body: '主席团改写' })).statusCode).toBe(403);
  });
});

describe('the year-end summary (.docx, GB/T 9704-2012)', () => {
  it('lays out A4 with the margins, the 22-line grid, the fonts by level, page numbers, signature and date; prints every figure as the facts give it', async () => {
    const f = await facts(office);
    const res = await office.request('GET', '/api/v1/reports/summary.docx?year=2025&date=2026-01-10');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('示例镇人大2025年工作总结.docx');
    const { xml, styles, paragraphs, zip } = docxParagraphs(res.rawPayload);
    // A4, margins 37/35/28/26 mm, line grid of 28.95 pt (22 lines).
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"/);
    // Body 3号 仿宋 by default; title 2号 小标宋; 一、 黑体; （一） 楷体.
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(styles).toMatch(/<w:sz w:val="32"\/>/);
    const title = paragraphXml(xml, '示例镇人大2025年工作总结');
    expect(title).toContain('方正小标宋简体');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(paragraphXml(xml, '一、依法召开人代会')).toContain('w:eastAsia="黑体"');
    expect(paragraphs.filter((p) => /^[一二三四五六]、/.test(p)).map((p) => p.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、', '五、', '六、']);
    expect(paragraphXml(xml, '（一）代表述职评议')).toContain('楷体_GB2312');
    // Page numbers: 4号 宋体 "— n —", odd right, even left.
    const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => zip.file(n)!.asText());
    expect(footers.length).toBe(2);
    for (const ft of footers) {
      expect(ft).toContain('— ');
      expect(ft).toContain('PAGE');
      expect(ft).toContain('<w:sz w:val="28"/>');
      expect(ft).toContain('宋体');
    }
    expect(footers.some((ft) => ft.includes('<w:jc w:val="right"/>')) && footers.some((ft) => ft.includes('<w:jc w:val="left"/>'))).toBe(true);
    // Signature and date, right-aligned, date without leading zeros.
    expect(paragraphXml(xml, '示例镇人大办')).toContain('<w:jc w:val="right"/>');
    expect(paragraphs).toContain('2026年1月10日');
    // Every figure as the facts give it.
    const text = paragraphs.join('\n');
    expect(text).toContain(`代表共提出议案、建议、批评和意见${num(f, 'suggestions.received')}件`);
    expect(text).toContain(`交由${num(f, 'suggestions.unitCount')}个承办单位办理${num(f, 'suggestions.assigned')}件`);
    expect(text).toContain(`其中按期答复${num(f, 'suggestions.repliedOnTime')}件，按期答复率${f.get('suggestions.repliedOnTimeRate')!.value}`);
    expect(text).toContain(`表示满意和基本满意的${num(f, 'suggestions.satisfied')}件，满意率${f.get('suggestions.satisfactionRate')!.value}`);
    expect(text).toContain(`已落实${num(f, 'suggestions.implemented')}件，落实率${f.get('suggestions.implementationRate')!.value}`);
    expect(text).toContain(`召集人民代表大会会议${num(f, 'sessions.count')}次`);
    for (const s of f.get('sessions.list')!.value as { name: string; present: number; total: number }[]) {
      expect(text).toContain(`${s.name}（应到代表${s.total}名，${s.present === s.total ? '全体出席' : `实到${s.present}名`}）`);
    }
    expect(text).toContain(`表决通过决议${num(f, 'sessions.resolutionsCount')}项`);
    expect(text).toContain(`代表依法联名提出议案${num(f, 'sessions.motionsCount')}件，经主席团决定列入大会议程${num(f, 'sessions.motionsOnAgenda')}件，作为代表建议交有关单位办理${num(f, 'sessions.motionsConverted')}件。`);
    expect(text).toContain(`${num(f, 'duty.evaluations.attendees')}名选民代表参加`);
    expect(text).toContain(`联系选民活动${num(f, 'duty.voterContact.count')}次，${num(f, 'duty.voterContact.deputies')}名代表参加`);
    expect(text).toContain(`联系选民${num(f, 'duty.voterContact.personTimes')}人次`);
    expect(text).toContain(`收集选民意见建议${num(f, 'duty.opinions.collected')}条，经梳理归纳为${num(f, 'duty.opinions.consolidated')}条`);
    expect(text).toContain(`视察活动${num(f, 'duty.inspections.count')}次`);
    expect(text).toContain(`组织集中学习${num(f, 'duty.study.count')}次`);
    expect(text).toContain(`主席团由${num(f, 'presidium.members')}名成员组成，主席${f.get('presidium.chair')!.value}`);
    const areas = f.get('presidium.assignments')!.value as { leader: string; position: string; villages: string; deputies: number }[];
    expect(text).toContain(`主席、副主席实行分片挂点联系代表：${areas.map((r) => `${r.position}${r.leader}联系${r.villages}，联系代表${r.deputies}名`).join('；')}。`);
    expect(text).toContain(`召开主席团会议${num(f, 'presidiumMeetings.count')}次，研究议题${num(f, 'presidiumMeetings.topics')}项，作出决定${num(f, 'presidiumMeetings.decisions')}项`);
    if (f.has('disclosure.enforcementUnits')) {
      expect(text).toContain(`全镇有行政执法权限的单位${num(f, 'disclosure.enforcementUnits')}个，其中${num(f, 'disclosure.enforcementUnitsWithBoard')}个设立了执法责任制公示栏`);
    }
    // The demo's village elections were in 2026: 2025 says so plainly.
    if (f.has('elections.villagesTotal') && num(f, 'elections.villagesTotal') === 0) expect(text).toContain('2025年没有村（居）民委员会换届选举的记录。');
    // No placeholder survives.
    expect(text).not.toMatch(/x/i);
    expect(text).not.toContain('{{');
    expect(text).not.toContain('}}');
  });

  it('the office edits a section\u2019s narrative with live fields; an unknown field is refused by name; reset restores the built-in text', async () => {
    const body = '本年度代表共提出{{suggestions.received}}件，主席团逐件督办。';
    const preview = await office.request('POST', '/api/v1/reports/summary/preview?year=2025&date=2026-01-10', { section: 'suggestions', body });
    expect(preview.statusCode, preview.body).toBe(200);
    const f = await facts(office);
    expect((preview.json() as { blocks: { text: string }[] }).blocks.map((b) => b.text)).toContain(`本年度代表共提出${num(f, 'suggestions.received')}件，主席团逐件督办。`);
    // The page asks for the saved summary with an empty body.
    const saved0 = await office.request('POST', '/api/v1/reports/summary/preview?year=2025', {});
    expect(saved0.statusCode, saved0.body).toBe(200);
    expect(saved0.json().title).toBe('示例镇人大2025年工作总结');
    const bad = await office.request('PUT', '/api/v1/reports/narratives/suggestions?year=2025', { body: '共{{suggestions.recieved}}件' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('REPORT_FIELD_UNKNOWN');
    expect(bad.json().error.message).toContain('{{suggestions.recieved}}');
    const unclosed = await office.request('PUT', '/api/v1/reports/narratives/suggestions?year=2025', { body: '共{{suggestions.received件' });
    expect(unclosed.json().error.code).toBe('REPORT_FIELD_UNKNOWN');
    expect((await office.request('GET', '/api/v1/reports/narratives?year=2025')).json().items.find((n: { key: string }) => n.key === 'suggestions').isCustom).toBe(false);

    const saved = await office.request('PUT', '/api/v1/reports/narratives/suggestions?year=2025', { heading: '强化建议督办', body });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ isCustom: true, heading: '强化建议督办', body });
    const doc = docxParagraphs((await office.request('GET', '/api/v1/reports/summary.docx?year=2025')).rawPayload).paragraphs;
    expect(doc).toContain('三、强化建议督办');
    expect(doc).toContain(`本年度代表共提出${num(f, 'suggestions.received')}件，主席团逐件督办。`);
    // The figures are still printed after the narrative.
    expect(doc.join('\n')).toContain(`代表共提出议案、建议、批评和意见${num(f, 'suggestions.received')}件`);
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('township_id', '=', demo.id).where('action', '=', 'report.narrative_save').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    const reset = await office.request('DELETE', '/api/v1/reports/narratives/suggestions?year=2025');
    expect(reset.json()).toMatchObject({ isCustom: false, heading: '加强建议督办，增强监督实效' });
  });

  it('prints the village elections of the year they were held (the demo\u2019s 2026) as the facts give them', async () => {
    const f = await facts(office, 2026);
    if (!f.has('elections.villagesTotal')) return;
    const text = docxParagraphs((await office.request('GET', '/api/v1/reports/summary.docx?year=2026')).rawPayload).paragraphs.join('\n');
    expect(text).toContain(`全镇${num(f, 'elections.villagesTotal')}个村（居）委会中，${num(f, 'elections.villagesElected')}个选出新一届村（居）民委员会，其中${num(f, 'elections.villagesElectedOnSchedule')}个按期完成选举`);
    expect(text).toContain(`${f.get('elections.guidanceLeader')!.value}任换届选举工作指导小组组长`);
    expect(text).not.toMatch(/x|\{\{/i);
  });

  it('says plainly when a year has no records, and when a section\u2019s module is not installed', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db, { name: '空白镇' });
    const empty = await collectYearFacts(db, t, 2025, FACTS_PROVIDERS.filter((p) => p.key !== 'elections'));
    const text = blocksText(buildSummary(empty, new Map(), '2026-01-10').blocks).join('\n');
    expect(text).toContain('2025年本镇没有召开人民代表大会会议的记录。');
    expect(text).toContain('2025年没有收到代表提出的议案、建议、批评和意见。');
    expect(text).toContain('2025年没有组织代表述职评议的记录。');
    expect(text).toContain('2025年没有组织代表视察的记录。');
    expect(text).toContain('本平台尚未接入村（居）民委员会换届选举的记录');
    expect(text).toContain('本年度没有主席团组成人员的记录。');
    expect(text).not.toMatch(/x/i);
    expect(text).not.toContain('{{');
  });

  it('the 主席团工作报告 and the statistical annex (charts as pictures) come from the same facts', async () => {
    const f = await facts(office);
    const report = await office.request('GET', '/api/v1/reports/presidium-report.docx?year=2025');
    expect(report.statusCode).toBe(200);
    const r = docxParagraphs(report.rawPayload);
    expect(r.paragraphs[0]).toBe('示例镇人民代表大会主席团工作报告');
    expect(r.paragraphs).toContain('各位代表：');
    expect(r.paragraphs.join('\n')).toContain(`代表提出的${num(f, 'suggestions.received')}件议案、建议、批评和意见`);
    expect(r.paragraphs.join('\n')).toContain(`通过决议${num(f, 'sessions.resolutionsCount')}项，依法处理代表联名提出的议案${num(f, 'sessions.motionsCount')}件（列入大会议程${num(f, 'sessions.motionsOnAgenda')}件，作为建议交办${num(f, 'sessions.motionsConverted')}件）`);
    expect(r.paragraphs.join('\n')).not.toMatch(/x|\{\{/i);
    const annex = await office.request('GET', '/api/v1/reports/annex.docx?year=2025');
    expect(annex.statusCode).toBe(200);
    const a = docxParagraphs(annex.rawPayload);
    const media = Object.keys(a.zip.files).filter((n) => n.startsWith('word/media/') && n.endsWith('.png'));
    expect(media.length).toBeGreaterThanOrEqual(3);
    expect(a.zip.file(media[0]!)!.asUint8Array().slice(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
    expect(a.paragraphs.join('\n')).not.toMatch(/\{\{/);
    const generated = (await office.request('GET', '/api/v1/reports/generated?year=2025')).json().items as { kind: string }[];
    expect(generated.map((g) => g.kind)).toEqual(expect.arrayContaining(['presidium_report', 'annex']));
  }, 60_000);
});

describe('users\u2019 own templates (docxtemplater)', () => {
  const template = (lines: string[]) => Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] }));

  it('fills placeholders and loops from the facts; refuses an unknown placeholder by name', async () => {
    const f = await facts(office);
    const good = await template(['{report.township}{report.year}年共收到建议{suggestions.received}件。', '{#sessions.list}{name}：{date}，出席{present}人。{/sessions.list}']);
    const up = await upload(ctx.app, office, '/api/v1/reports/templates?year=2025', '我的模板.docx', good);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().fields).toEqual(expect.arrayContaining(['report.township', 'suggestions.received', 'sessions.list']));
    const filled = await office.request('GET', `/api/v1/reports/templates/${up.json().id}/fill.docx?year=2025`);
    expect(filled.statusCode).toBe(200);
    const text = docxParagraphs(filled.rawPayload).paragraphs;
    expect(text[0]).toBe(`示例镇2025年共收到建议${num(f, 'suggestions.received')}件。`);
    const first = (f.get('sessions.list')!.value as { name: string; present: number }[])[0]!;
    expect(text.join('\n')).toContain(`${first.name}：2025年2月20日，出席${first.present}人。`);
    expect(text.join('\n')).not.toContain('{');

    const bad = await template(['收到{suggestions.received}件，{suggestions.bogus}', '{#sessions.list}{nosuchcolumn}{/sessions.list}']);
    const refused = await upload(ctx.app, office, '/api/v1/reports/templates?year=2025', '坏模板.docx', bad);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('REPORT_TEMPLATE_FIELD_UNKNOWN');
    expect(refused.json().error.message).toContain('{suggestions.bogus}');
    expect(refused.json().error.message).toContain('{nosuchcolumn}');
    const broken = await upload(ctx.app, office, '/api/v1/reports/templates?year=2025', '残缺.docx', await template(['{#sessions.list}没有结尾']));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('REPORT_TEMPLATE_INVALID');

    // Another township cannot fill or download it.
    const other = await buildTownship(ctx.database.db);
    const outsider = await login(ctx.app, (await buildUser(ctx.database.db, other.id, 'office')).username, TEST_PASSWORD);
    expect((await outsider.request('GET', `/api/v1/reports/templates/${up.json().id}/fill.docx?year=2025`)).statusCode).toBe(404);
    expect((await outsider.request('DELETE', `/api/v1/reports/templates/${up.json().id}`)).statusCode).toBe(404);
    expect((await office.request('GET', '/api/v1/reports/templates')).json().items.map((t: { id: string }) => t.id)).toContain(up.json().id);
  });
});

describe('publishing the summary on the portal', () => {
  it('one click makes the 工作总结 article; a second click updates the same article', async () => {
    const first = await office.request('POST', '/api/v1/reports/summary/publish?year=2025&date=2026-01-10');
    expect(first.statusCode, first.body).toBe(200);
    const { articleId, url } = first.json() as { articleId: string; url: string };
    expect(url).toBe(`/t/999999101/a/${articleId}`);
    const again = await office.request('POST', '/api/v1/reports/summary/publish?year=2025&date=2026-01-10');
    expect(again.json().articleId).toBe(articleId);
    const article = await ctx.database.db.selectFrom('articles').innerJoin('portal_categories', 'portal_categories.id', 'articles.category_id')
      .select(['articles.title', 'articles.status', 'articles.body_html', 'portal_categories.key']).where('articles.id', '=', articleId).executeTakeFirstOrThrow();
    expect(article).toMatchObject({ title: '示例镇人大2025年工作总结', status: 'published', key: 'work_summary' });
    expect(article.body_html).toContain('一、依法召开人代会');
    const presidium = await login(ctx.app, (await buildUser(ctx.database.db, demo.id, 'presidium')).username, TEST_PASSWORD);
    expect((await presidium.request('POST', '/api/v1/reports/summary/publish?year=2025')).statusCode).toBe(403);
  });
});
