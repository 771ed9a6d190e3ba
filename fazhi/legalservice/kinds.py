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
    # 跨省联合工作组 (劳资纠纷专项工作, seed report 一(七) 六是): its trainings, the petitions it persuaded
    # back, and the contractors whose project payments it recovered (amount = 工程款).
    {"key": "labour_group_training", "name": "跨省联合工作组集中法律培训", "category": "task", "count_unit": "场次"},
    {"key": "labour_group_return", "name": "跨省联合工作组劝返群体性上访", "category": "task", "count_unit": "次"},
    {"key": "labour_group_recovery", "name": "跨省联合工作组为施工方挽回工程款", "category": "task", "count_unit": "个",
     "amount_label": "挽回工程款"},
]
