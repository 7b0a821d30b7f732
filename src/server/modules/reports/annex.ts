import type { EChartsCoreOption } from 'echarts';
import { loadChartLibs } from '../../lazy-libs.js';
import type { Block } from '../../documents/official-docx.js';
import { chineseDay, factText, type YearFacts } from './facts.service.js';
import { FactsView, type SummaryDocument } from './summary.template.js';

const CHART_FONT = 'Noto Sans CJK SC';
const WIDTH = 640;
const HEIGHT = 340;

let libs: Awaited<ReturnType<typeof loadChartLibs>> | undefined;

/** Loads echarts and resvg (kept out of the server's start-up memory); call before buildAnnex. */
export async function prepareCharts(): Promise<void> {
  libs ??= await loadChartLibs();
}

/** One chart: echarts rendered server-side to SVG, then to PNG for Word. The chart is disposed. */
export function renderChart(option: EChartsCoreOption): Buffer {
  if (!libs) throw new Error('renderChart before prepareCharts()');
  const { echarts, resvg } = libs;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  let svg: string;
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT, fontSize: 14 }, color: ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037'], ...option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const png = new resvg.Resvg(svg, { fitTo: { mode: 'width', value: WIDTH * 2 }, background: '#ffffff', font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT } }).render().asPng();
  return Buffer.from(png);
}

function bar(title: string, labels: string[], values: number[]): Buffer {
  return renderChart({
    title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
    grid: { left: 48, right: 24, top: 56, bottom: 40 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: values, barMaxWidth: 48, label: { show: true, position: 'top' } }],
  });
}

function pie(title: string, items: { name: string; value: number }[]): Buffer {
  return renderChart({
    title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
    series: [{ type: 'pie', radius: ['30%', '62%'], center: ['50%', '56%'], data: items, label: { formatter: '{b}：{c}' } }],
  });
}

const image = (png: Buffer, altText: string): Block => ({ type: 'image', png, widthMm: 150, heightMm: 80, altText });
const p = (text: string): Block => ({ type: 'paragraph', text });
const h1 = (text: string): Block => ({ type: 'heading1', text });
const str = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? chineseDay(v) : String(v));

/**
 * 统计附件: the year's figures as tables, with charts of the suggestions' handling, of the
 * suggestions by kind, of the duty activities by kind and of the 述职评议 attendees.
 */
export function buildAnnex(facts: YearFacts, date: string): SummaryDocument {
  const f = new FactsView(facts);
  const y = facts.year;
  const blocks: Block[] = [];

  blocks.push(h1('人民代表大会会议'));
  const sessions = f.rows('sessions.list');
  if (sessions.length) {
    blocks.push({
      type: 'table', fontSizePt: 12,
      columns: [{ header: '会议', width: 7, align: 'left' }, { header: '日期', width: 3.4 }, { header: '应到', width: 1.6 }, { header: '实到', width: 1.6 }],
      rows: sessions.map((s) => [str(s.name), str(s.date), str(s.total), str(s.present)]),
    });
    const resolutions = f.rows('sessions.resolutions');
    if (resolutions.length) {
      blocks.push({ type: 'table', fontSizePt: 12, columns: [{ header: '通过的决议', width: 9, align: 'left' }, { header: '通过日期', width: 3 }], rows: resolutions.map((r) => [str(r.title), str(r.adoptedOn)]) });
    }
  } else blocks.push(p(`${y}年没有召开人民代表大会会议的记录。`));

  blocks.push(h1('代表建议办理'));
  const received = f.num('suggestions.received');
  if (received) {
    const steps: [string, string, string | null][] = [
      ['收到', 'suggestions.received', null], ['立案', 'suggestions.registered', null], ['交办', 'suggestions.assigned', null],
      ['答复', 'suggestions.replied', null], ['按期答复', 'suggestions.repliedOnTime', 'suggestions.repliedOnTimeRate'],
      ['满意和基本满意', 'suggestions.satisfied', 'suggestions.satisfactionRate'], ['已落实', 'suggestions.implemented', 'suggestions.implementationRate'],
    ];
    blocks.push({
      type: 'table', fontSizePt: 12,
      columns: [{ header: '项目', width: 5, align: 'left' }, { header: '件数', width: 2 }, { header: '比率', width: 2.4 }],
      rows: steps.map(([label, key, rateKey]) => [label, String(f.num(key)), rateKey ? f.str(rateKey) ?? '—' : '—']),
    });
    blocks.push(image(bar(`${y}年代表建议办理情况（件）`, steps.map((s) => s[0]), steps.map((s) => f.num(s[1]))), '代表建议办理情况柱状图'));
    const kinds = f.rows('suggestions.byKind').filter((r) => Number(r.count) > 0);
    blocks.push(image(pie(`${y}年代表所提议案建议按类别`, kinds.map((r) => ({ name: String(r.label), value: Number(r.count) }))), '按类别饼图'));
  } else blocks.push(p(`${y}年没有收到代表提出的议案、建议、批评和意见。`));

  blocks.push(h1('代表履职活动'));
  const byKind = f.rows('duty.activities.byKind');
  if (f.num('duty.activities.count')) {
    blocks.push({ type: 'table', fontSizePt: 12, columns: [{ header: '活动类型', width: 5, align: 'left' }, { header: '次数', width: 2 }], rows: byKind.map((r) => [str(r.label), str(r.count)]) });
    blocks.push(image(bar(`${y}年代表履职活动（次）`, byKind.map((r) => String(r.label)), byKind.map((r) => Number(r.count))), '履职活动柱状图'));
    blocks.push({
      type: 'table', fontSizePt: 12, columns: [{ header: '联系选民', width: 5, align: 'left' }, { header: '数量', width: 2 }],
      rows: [
        ['联系走访选民（人次）', String(f.num('duty.voterContact.personTimes'))], ['参加的代表（名）', String(f.num('duty.voterContact.deputies'))],
        ['收集意见建议（条）', String(f.num('duty.opinions.collected'))], ['梳理归纳后（条）', String(f.num('duty.opinions.consolidated'))],
      ],
    });
    const inspections = f.rows('duty.inspections.list');
    if (inspections.length) blocks.push({ type: 'table', fontSizePt: 12, columns: [{ header: '视察日期', width: 3 }, { header: '视察内容', width: 6, align: 'left' }, { header: '视察点', width: 5, align: 'left' }], rows: inspections.map((r) => [str(r.date), str(r.title), str(r.sites)]) });
  } else blocks.push(p(`${y}年没有代表履职活动的记录。`));
  const ratings = f.rows('duty.evaluations.ratings');
  if (ratings.length) {
    blocks.push({ type: 'table', fontSizePt: 12, columns: [{ header: '被评议代表', width: 3, align: 'left' }, { header: '满意', width: 2 }, { header: '基本满意', width: 2 }, { header: '不满意', width: 2 }, { header: '满意率', width: 2.4 }], rows: ratings.map((r) => [str(r.deputy), str(r.satisfied), str(r.basic), str(r.dissatisfied), str(r.rate) || '—']) });
    const cats = f.rows('duty.evaluations.attendeesByCategory');
    if (cats.length) blocks.push(image(pie(`${y}年述职评议参加人员构成（人）`, cats.map((r) => ({ name: String(r.label), value: Number(r.count) }))), '述职评议参加人员饼图'));
  }

  blocks.push(h1('主席团会议'));
  const meetings = f.rows('presidiumMeetings.list');
  blocks.push(meetings.length
    ? { type: 'table', fontSizePt: 12, columns: [{ header: '会议', width: 4, align: 'left' }, { header: '日期', width: 3 }, { header: '议题', width: 8, align: 'left' }], rows: meetings.map((r) => [str(r.name), str(r.date), str(r.topics)]) }
    : p(`${y}年闭会期间没有召开主席团会议的记录。`));

  for (const key of ['elections', 'disclosure'] as const) {
    const section = facts.sections.find((s) => s.key === key)!;
    blocks.push(h1(section.title));
    if (!section.available) { blocks.push(p(`本平台尚未接入${section.title}的记录，本部分暂无统计数据。`)); continue; }
    const scalar = section.facts.filter((x) => !Array.isArray(x.value));
    blocks.push(scalar.length
      ? { type: 'table', fontSizePt: 12, columns: [{ header: '项目', width: 7, align: 'left' }, { header: '数值', width: 4 }], rows: scalar.map((x) => [x.label, `${factText(x.value) ?? '—'}${typeof x.value === 'number' && x.unit ? x.unit : ''}`]) }
      : p(`${y}年没有${section.title}的记录。`));
  }

  return { title: `${facts.township.name}人大${y}年工作统计附件`, blocks, signature: `${facts.township.name}人大办`, date };
}
