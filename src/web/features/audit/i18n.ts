/**
 * Labels of audit actions of the later modules (presidium meetings, county, disclosure, rule of
 * law, reports, retention), merged into `audit.actions` of the app resources. zh-CN first.
 * `audit-labels.test.ts` fails when the server writes an action that has no label here or there.
 */
export const auditActionsZhCN = {
  presidium_meeting: {
    create: '新建主席团会议', update: '修改主席团会议', attendance: '登记主席团会议出席',
    topic_add: '新增主席团会议议题', topic_update: '修改主席团会议议题', topic_remove: '删除主席团会议议题',
    decision: '登记主席团会议决定', minutes: '保存主席团会议纪要',
    document_upload: '上传主席团会议文件', document_archive: '归档主席团会议文件',
  },
  county_notice: { create: '起草县级通知', update: '修改县级通知', issue: '下发县级通知' },
  county_task: { assign: '分派县级任务', report: '报送任务完成情况', attachment_upload: '上传任务附件', attachment_archive: '删除任务附件' },
  village_disclosure: { create: '新建村务公开', save: '保存村务公开内容', import: '导入村级收支明细', publish: '发布村务公开', revise: '修订已发布的村务公开' },
  unit_disclosure: { create: '新建单位公开事项', update: '修改单位公开事项', publish: '发布单位公开事项', discard: '删除单位公开草稿' },
  enforcement_board: { create: '新建执法公示栏', update: '修改执法公示栏', publish: '发布执法公示栏', discard: '删除执法公示栏草稿', check: '登记公示栏检查' },
  complaint: { create: '登记执法投诉', update: '处理执法投诉', archive: '归档执法投诉' },
  model_programme: { create: '新建民主法治示范村创建项目', update: '修改创建项目', defaults: '生成默认创建项目' },
  model_village: { create: '登记示范村创建村', update: '修改示范村创建情况', criterion: '登记创建标准达标情况' },
  report: { generate: '生成年度报告', narrative_save: '修改年度报告文字', narrative_reset: '恢复年度报告默认文字', publish: '发布年度报告', template_upload: '上传报告模板', template_archive: '删除报告模板' },
  audit: { prune: '清理过期操作日志' },
  synthetic: { load: '载入压力测试数据' },
};

export const auditActionsEnUS: typeof auditActionsZhCN = {
  presidium_meeting: {
    create: 'Created a presidium meeting', update: 'Edited a presidium meeting', attendance: 'Recorded presidium meeting attendance',
    topic_add: 'Added a meeting topic', topic_update: 'Edited a meeting topic', topic_remove: 'Removed a meeting topic',
    decision: 'Recorded a presidium decision', minutes: 'Saved presidium meeting minutes',
    document_upload: 'Uploaded a presidium meeting document', document_archive: 'Archived a presidium meeting document',
  },
  county_notice: { create: 'Drafted a county notice', update: 'Edited a county notice', issue: 'Issued a county notice' },
  county_task: { assign: 'Assigned a county task', report: 'Reported on a county task', attachment_upload: 'Uploaded a task attachment', attachment_archive: 'Removed a task attachment' },
  village_disclosure: { create: 'Created a village disclosure', save: 'Saved a village disclosure', import: 'Imported village finance lines', publish: 'Published a village disclosure', revise: 'Revised a published village disclosure' },
  unit_disclosure: { create: 'Created a unit disclosure', update: 'Edited a unit disclosure', publish: 'Published a unit disclosure', discard: 'Discarded a unit disclosure draft' },
  enforcement_board: { create: 'Created an enforcement board', update: 'Edited an enforcement board', publish: 'Published an enforcement board', discard: 'Discarded an enforcement board draft', check: 'Recorded a board inspection' },
  complaint: { create: 'Registered an enforcement complaint', update: 'Handled an enforcement complaint', archive: 'Archived an enforcement complaint' },
  model_programme: { create: 'Created a model-village programme', update: 'Edited a model-village programme', defaults: 'Created the default programmes' },
  model_village: { create: 'Enrolled a model-village candidate', update: 'Edited a model-village entry', criterion: 'Recorded whether a criterion is met' },
  report: { generate: 'Generated a year report', narrative_save: 'Edited year report text', narrative_reset: 'Reset year report text', publish: 'Published a year report', template_upload: 'Uploaded a report template', template_archive: 'Removed a report template' },
  audit: { prune: 'Pruned expired audit rows' },
  synthetic: { load: 'Loaded synthetic load-test data' },
};
