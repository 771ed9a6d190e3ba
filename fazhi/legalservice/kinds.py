"""The standard activity kinds (seeded by migration 0003; an admin adds more on /legalservice/activity-kinds/).

The indicators of the annual report refer to these kinds by ``key``. A kind added later is counted on
the activity summary pages and in the export without any code change."""

STANDARD_KINDS: list[dict] = [
    {"key": "civil_code_publicity", "name": "《民法典》等法律法规宣传", "category": "publicity", "count_unit": "场次"},
    {"key": "enterprise_checkup", "name": "企业法治体检、法治讲座", "category": "checkup", "count_unit": "家"},
    {"key": "micro_video", "name": "普法宣传微视频", "category": "media", "count_unit": "个", "reach_label": "网络点击量"},
    {"key": "platform_reception", "name": "公共法律服务实体平台接待群众", "category": "service", "count_unit": "人次"},
    {"key": "migrant_worker_aid", "name": "为农民工代写法律文书", "category": "service", "count_unit": "份",
     "amount_label": "挽回工资"},
    {"key": "patrol_members", "name": "义警队员选聘", "category": "volunteer", "count_unit": "名"},
    {"key": "patrol_vehicles", "name": "义警巡逻车辆配备", "category": "volunteer", "count_unit": "台"},
    {"key": "night_patrol", "name": "夜间沿街巡逻", "category": "volunteer", "count_unit": "次"},
    {"key": "school_traffic", "name": "中小学门口交通疏导", "category": "volunteer", "count_unit": "次"},
    {"key": "law_to_school", "name": "送法进校园普法宣传", "category": "volunteer", "count_unit": "场次"},
    {"key": "law_to_community", "name": "送法进社区普法宣传", "category": "volunteer", "count_unit": "场次"},
]
