import type { Kysely } from 'kysely';
import { systemActor } from '../auth/actor.js';
import type { ArticleStatus, DB } from '../db/schema.js';
import { newId } from '../ids.js';
import { ensureCategories } from '../modules/articles/articles.categories.js';
import { listCategories, replaceTags } from '../modules/articles/articles.repository.js';
import { htmlToText, prepareSanitizer, sanitizeArticleHtml } from '../modules/articles/articles.sanitize.js';
import { articleSearchText } from '../modules/articles/articles.service.js';

/** The instant of a Shanghai calendar day at `hour`:00 local time. */
function at(day: string, hour: number): string {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
}

interface DemoArticle {
  day: string;
  category: string;
  title: string;
  paragraphs: string[];
  tags: string[];
  status?: ArticleStatus;
  views?: number;
}

/** A year of the demo township's portal: news, notices, study, summaries; fictional throughout. */
const ARTICLES: DemoArticle[] = [
  { day: '2025-12-08', category: 'news', title: '镇人大主席团召开代表小组活动推进会', tags: ['代表小组', '履职活动'], views: 86, paragraphs: [
    '12月8日，示例镇人大主席团召开代表小组活动推进会，各代表小组组长参加会议。',
    '会议通报了全年代表小组活动开展情况，对年底前完成“走访选民”和“集中接待日”活动作出安排，要求每位代表至少联系选民十户以上，把群众反映的问题如实记录、及时上报。'] },
  { day: '2025-12-26', category: 'notices', title: '关于召开示例镇第十四届人民代表大会第九次会议的公告', tags: ['人代会'], views: 132, paragraphs: [
    '经镇人大主席团研究决定，示例镇第十四届人民代表大会第九次会议定于2026年1月中旬召开。',
    '会议的主要议程是：听取和审议镇人民政府工作报告、镇人大主席团工作报告，审查和批准2026年财政预算。请各位代表提前做好会前调研和准备工作。'] },
  { day: '2026-01-16', category: 'news', title: '示例镇第十四届人民代表大会第九次会议胜利闭幕', tags: ['人代会', '政府工作报告'], views: 214, paragraphs: [
    '1月16日，示例镇第十四届人民代表大会第九次会议在镇政府会议室闭幕。',
    '会议审议通过了镇人民政府工作报告、镇人大主席团工作报告和2026年财政预算的决议。会议期间，代表们围绕乡村道路、农田水利、养老服务等提出建议十余件，会后将由主席团交有关单位办理。'] },
  { day: '2026-02-10', category: 'study', title: '学习园地：代表提出建议的几点注意事项', tags: ['代表建议', '代表法'], views: 97, paragraphs: [
    '代表建议是代表履职的重要方式。提建议前，宜先到选区走访，把问题的来龙去脉了解清楚；一事一议，写明存在的问题、原因分析和具体可行的办法。',
    '按照代表法的规定，承办单位应当自交办之日起三个月内答复，涉及面广、处理难度大的，最迟不超过六个月。代表对答复不满意的，可以提出意见，由主席团交承办单位再作研究处理。'] },
  { day: '2026-03-05', category: 'news', title: '代表建议集中交办会召开，12件建议交8个单位办理', tags: ['代表建议', '建议办理'], views: 158, paragraphs: [
    '3月5日，镇人大主席团召开代表建议交办会，将人代会期间及闭会期间代表提出的12件建议交镇政府有关部门和站所办理。',
    '会议要求承办单位主要负责人亲自过问，办理前主动联系代表，办理中邀请代表参与，答复前听取代表意见，确保按期答复、件件有着落。'] },
  { day: '2026-03-20', category: 'notices', title: '关于开展2026年第一季度代表接待选民活动的通知', tags: ['接待选民', '履职活动'], views: 64, paragraphs: [
    '各代表小组：为密切代表同人民群众的联系，定于3月下旬在各村代表联络站开展代表集中接待选民活动。',
    '请各代表小组提前在村务公开栏张贴接待时间和地点，接待中收集的意见请当场登记，活动结束后三日内报人大办。'] },
  { day: '2026-04-18', category: 'news', title: '人大代表视察农村饮水安全工程', tags: ['视察', '民生实事'], views: 121, paragraphs: [
    '4月18日，镇人大组织部分代表视察农村饮水安全工程建设情况，先后察看了东山村水厂改造、西河村管网延伸等项目。',
    '代表们对工程进度给予肯定，同时建议加强水质定期检测，做好管网维护人员培训，让群众喝上放心水。'] },
  { day: '2026-05-12', category: 'study', title: '学习园地：乡镇人大主席团的主要职责', tags: ['地方组织法', '主席团'], views: 73, paragraphs: [
    '根据地方组织法，乡镇人民代表大会设主席团，在本级人民代表大会闭会期间，主席团每年选择若干关系本地区群众切身利益和社会普遍关注的问题，有计划地安排代表听取和讨论本级人民政府的专项工作报告。',
    '主席团还负责联系本级人大代表，组织代表开展活动，并反映代表和群众对本级人民政府工作的建议、批评和意见。'] },
  { day: '2026-06-11', category: 'news', title: '主席团听取镇政府关于农村人居环境整治的专项工作报告', tags: ['专项工作报告', '人居环境'], views: 109, paragraphs: [
    '6月11日，镇人大主席团召开会议，听取镇人民政府关于农村人居环境整治工作情况的报告。',
    '与会人员认为，整治工作取得阶段性成效，但垃圾转运、公厕管护等长效机制仍需完善，要求镇政府在三个月内提出改进措施并书面报告。'] },
  { day: '2026-06-28', category: 'deputies', title: '代表风采：扎根田间的“农技代表”', tags: ['代表风采', '履职活动'], views: 145, paragraphs: [
    '在示例镇，提起南坡村的种植大户代表，村民们都知道他“有事好商量”。当选代表以来，他把农技推广当作联系群众的纽带，农忙时常常在田间地头为乡亲们讲解病虫害防治。',
    '今年他结合走访中听到的意见，提出了完善机耕道的建议，目前已由镇农业服务中心办理并列入年度计划。'] },
  { day: '2026-07-09', category: 'notices', title: '关于征集2027年民生实事项目建议的公告', tags: ['民生实事', '代表建议'], views: 188, paragraphs: [
    '为把群众最关心、最直接、最现实的利益问题纳入政府民生实事，现面向全镇群众和代表征集2027年民生实事项目建议。',
    '群众可通过各村代表联络站、扫描代表码或登录本网站提出建议，征集截止日期为2026年8月31日。'] },
  { day: '2026-08-20', category: 'news', title: '镇人大开展代表建议办理情况“回头看”', tags: ['建议办理', '督办'], views: 92, paragraphs: [
    '8月下旬，镇人大主席团组织代表对上半年答复的建议开展“回头看”，重点检查答复中承诺事项的落实情况。',
    '对答复后未按承诺落实的2件建议，主席团已发出督办意见，要求承办单位限期整改并向代表说明情况。'] },
  { day: '2026-09-15', category: 'gov_affairs', title: '示例镇2026年上半年财政预算执行情况', tags: ['财政预算', '政务公开'], views: 57, paragraphs: [
    '根据预算法的规定，现将本镇2026年上半年财政预算执行情况予以公开。',
    '上半年，一般公共预算收入完成年度预算的百分之五十二，支出主要用于农村道路养护、义务教育和基层医疗卫生。详细表格见政务公开专栏。'] },
  { day: '2026-09-26', category: 'village_affairs', title: '东山村三季度村务公开情况', tags: ['村务公开'], views: 41, paragraphs: [
    '东山村委会按季度公开村务。本季度公开了集体资产租赁收入、道路修缮工程开支和低保评议结果。',
    '村民对公开内容有疑问的，可向村务监督委员会反映。'] },
  { day: '2026-10-22', category: 'study', title: '学习园地：代表如何开展述职评议', tags: ['述职评议', '代表法'], views: 66, paragraphs: [
    '述职评议是选民监督代表的有效形式。述职时，代表应当如实报告一年来参加会议、提出建议、联系选民和参加活动的情况。',
    '选民代表对代表履职情况进行满意度测评，评议结果在本网站公开，作为代表改进工作的重要参考。'] },
  { day: '2026-11-06', category: 'news', title: '代表述职评议会在东山片区举行', tags: ['述职评议', '履职活动'], views: 78, paragraphs: [
    '11月6日，东山片区代表述职评议会举行，三名镇人大代表向选民代表述职。',
    '选民代表现场提问、现场测评，对代表在乡村道路和饮水工程中发挥的作用给予好评。'] },
  { day: '2026-11-20', category: 'notices', title: '关于做好2026年度代表履职档案整理工作的通知', tags: ['履职档案'], views: 35, paragraphs: [
    '各代表小组：年度履职档案是代表述职和年终总结的依据，请于12月10日前核对本组代表全年参加会议、提出建议、参加活动的记录。',
    '记录有遗漏的，请向人大办提供活动通知、签到表或照片等材料补录。'] },
  // In the back office's review queue: not on the portal.
  { day: '2026-11-26', category: 'news', title: '镇人大召开代表建议办理工作年终座谈会', tags: ['建议办理'], status: 'submitted', paragraphs: [
    '镇人大主席团召开座谈会，听取承办单位关于全年代表建议办理情况的汇报。'] },
  { day: '2026-11-27', category: 'work_summary', title: '2026年镇人大主席团工作总结', tags: ['工作总结'], status: 'draft', paragraphs: [
    '一年来，镇人大主席团依法履行职责，组织代表开展各项活动。（草稿，待完善）'] },
];

/** Loads the demo township's articles: a year of news, notices and study pieces, plus two in review. */
export async function loadDemoArticles(db: Kysely<DB>, townshipId: string): Promise<void> {
  await prepareSanitizer();
  await ensureCategories(db, townshipId);
  const categories = new Map((await listCategories(db, townshipId)).map((c) => [c.key, c.id]));
  const office = await db.selectFrom('users').select('id').where('township_id', '=', townshipId).where('role', '=', 'office').executeTakeFirst();
  const presidium = await db.selectFrom('users').select('id').where('township_id', '=', townshipId).where('role', '=', 'presidium').executeTakeFirst();
  const author = office?.id ?? systemActor('demo').id;
  for (const a of ARTICLES) {
    const body = sanitizeArticleHtml(a.paragraphs.map((p) => `<p>${p}</p>`).join(''));
    const summary = htmlToText(body).slice(0, 100);
    const status = a.status ?? 'published';
    const id = newId();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('articles').values({
        id, township_id: townshipId, category_id: categories.get(a.category)!, title: a.title, summary, body_html: body,
        search_text: articleSearchText(a.title, summary, body, a.tags), status, source_kind: null, source_id: null, view_count: a.views ?? 0,
        review_note: null, published_at: status === 'published' ? at(a.day, 10) : null, submitted_at: status === 'draft' ? null : at(a.day, 9),
        published_by: status === 'published' ? (presidium?.id ?? author) : null, created_by: author, created_at: at(a.day, 8), updated_at: at(a.day, 10), archived_at: null,
      }).execute();
      await replaceTags(trx, townshipId, id, a.tags);
    });
  }
}
