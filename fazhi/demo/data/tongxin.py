"""The demo county 同心县 (宁夏回族自治区 吴忠市, GB/T 2260 code 640324) as plain Python data.

Loaded by ``fazhi.demo.loader.load_demo`` (``manage.py load_demo`` / ``make demo``). No runtime
dependency on anything outside this package. Where each name and number comes from is written in
``fazhi/demo/README.md``; in short:

- Region codes 64 / 6403 / 640324 and the 11 township codes (640324100–106 镇, 640324201–204 乡) are
  the real ones (国家统计局 统计用区划代码, via the public dataset modood/Administrative-divisions-of-China,
  dist/streets.csv).
- The 管委会 (石狮管委会) is not in the statistical code list; 640324400 is a plausible code in the
  400–599 band that 《县以下行政区划代码编制规则》 reserves for 政企合一/管委会-type units. UNVERIFIED.
- Village and community names and their 12-digit codes are plausible, UNVERIFIED (居委会 001–199,
  村委会 201–399 as in the statistical code scheme). The counts are the seed report's: 142 行政村,
  11 社区, 12 乡镇（管委会）, 34 个部门（单位）.
- 统一社会信用代码 are generated (see ``credit_code``): valid GB 32100 check characters, NOT real codes.
"""
from __future__ import annotations

import hashlib

from stdnum.cn import uscc

# --------------------------------------------------------------------------------------------
# Regions above the county (GB/T 2260).
PROVINCE = ("64", "宁夏回族自治区")
CITY = ("6403", "吴忠市")
COUNTY = ("640324", "同心县")

# --------------------------------------------------------------------------------------------
# The 12 乡镇（管委会）: (9-digit code, name, organization name, short key, kind-of-township).
# kind: "镇" / "乡" / "管委会". Order = official order (镇 first, then 乡, then 管委会).
TOWNSHIPS: list[dict] = [
    {"code": "640324100", "name": "豫海镇", "org": "同心县豫海镇人民政府", "type": "镇"},
    {"code": "640324101", "name": "河西镇", "org": "同心县河西镇人民政府", "type": "镇"},
    {"code": "640324102", "name": "韦州镇", "org": "同心县韦州镇人民政府", "type": "镇"},
    {"code": "640324103", "name": "下马关镇", "org": "同心县下马关镇人民政府", "type": "镇"},
    {"code": "640324104", "name": "预旺镇", "org": "同心县预旺镇人民政府", "type": "镇"},
    {"code": "640324105", "name": "王团镇", "org": "同心县王团镇人民政府", "type": "镇"},
    {"code": "640324106", "name": "丁塘镇", "org": "同心县丁塘镇人民政府", "type": "镇"},
    {"code": "640324201", "name": "田老庄乡", "org": "同心县田老庄乡人民政府", "type": "乡"},
    {"code": "640324202", "name": "马高庄乡", "org": "同心县马高庄乡人民政府", "type": "乡"},
    {"code": "640324203", "name": "张家塬乡", "org": "同心县张家塬乡人民政府", "type": "乡"},
    {"code": "640324204", "name": "兴隆乡", "org": "同心县兴隆乡人民政府", "type": "乡"},
    # Not in the statistical code list: plausible code, unverified (see module docstring).
    {"code": "640324400", "name": "石狮管委会", "org": "同心县石狮管理委员会", "type": "管委会"},
]

# Communities (社区居民委员会, codes 001–) and villages (村民委员会, codes 201–) per township code.
# Names: plausible, unverified. 640324100201 东关村 matches the test fixture in fazhi/core/testing.py.
COMMUNITIES: dict[str, list[str]] = {
    "640324100": ["南关社区", "北关社区", "西关社区", "新区社区", "清水河社区", "团结社区", "振兴社区"],
    "640324101": ["河西社区"],
    "640324102": ["韦州东区社区", "韦州西区社区"],
    "640324103": ["下马关社区"],
}

VILLAGES: dict[str, list[str]] = {
    "640324100": ["东关村", "城郊村", "黄谷村", "南安村", "杨家湾村", "新华村", "周新庄村", "西沟村",
                  "园艺村", "马家河湾村", "石坡子村", "老庄子村"],
    "640324101": ["菊花台村", "上河湾村", "旱天岭村", "同德村", "桃山村", "朝阳村", "新庄子村", "河西村",
                  "丁家二沟村", "撒家井村", "乔家河湾村", "马家高庄村", "沙沟村", "苏家堡村", "西河湾村", "团结村"],
    "640324102": ["韦一村", "韦二村", "韦三村", "韦四村", "韦五村", "康湾村", "德胜村", "沙坡子村",
                  "梁家沟村", "大庄村", "南门村", "陈家台村", "大堡子村", "青龙山村", "罗山村", "新园村"],
    "640324103": ["南关村", "北关村", "三山井村", "陈儿庄村", "红城水村", "杏树梁村", "田家塬村", "西沟村",
                  "汪家岔村", "套子村", "周家岔村", "碱滩村", "胡麻旋村", "高家沟村", "马家塬村", "大沟沿村"],
    "640324104": ["预旺村", "沟滩村", "贺家塬村", "石家塬村", "北塬村", "南塬村", "张家湾村", "马渠村",
                  "东沟村", "曹家塬村", "杨家沟村", "红城村", "李家堡村", "雷家沟村"],
    "640324105": ["王团村", "北村", "南村", "沙沟村", "大沟沿村", "倒墩子村", "黄草岭村", "吊堡子村",
                  "羊路村", "新庄子村", "圆枣村", "庙儿岭村", "井塘村", "大湾村"],
    "640324106": ["丁家塘村", "金沙村", "新华村", "白家滩村", "红旗村", "杨家河湾村", "沙窝村", "长沙村",
                  "五里墩村", "海子村", "新民村", "黄家湾村"],
    "640324201": ["田老庄村", "罗家堡村", "沙湾村", "郭家湾村", "新庄村", "麻春村", "毛家沟村", "李家庄村"],
    "640324202": ["马高庄村", "刘家湾村", "唐家岔村", "双井村", "马家湾村", "何家塬村", "张家沟村",
                  "周家沟村", "王家塬村"],
    "640324203": ["张家塬村", "汪家塬村", "马家塬村", "甘沟村", "新旗村", "阳洼村", "李家湾村", "杨家塬村"],
    "640324204": ["兴隆村", "李家山村", "石塘村", "黄家塬村", "高崖村", "红岔村", "张家湾村", "旱川村"],
    "640324400": ["石狮村", "惠安村", "晋江村", "福泉村", "团结村", "和谐村", "幸福村", "兴民村", "富民村"],
}

# Every township has a 综合执法办公室 (seed report 一(四): "12个乡镇（管委会）成立了综合执法办公室").
# Stored as kind OTHER below the township so that the department count stays 34.
ENFORCEMENT_OFFICE_SUFFIX = "综合执法办公室"

# --------------------------------------------------------------------------------------------
# Bodies that are not departments (kind != DEPARTMENT; not among the 34).
# key: stable handle used by users / other helpers; parent: key of the parent or None.
PARTY_COMMITTEE = {"key": "xw", "name": "中共同心县委员会", "short": "县委", "kind": "party", "parent": None, "type": "11"}
TOP_BODIES: list[dict] = [
    PARTY_COMMITTEE,
    # The seed report's author: "中共同心县委全面依法治县委员会办公室" (法治办 / 依法治县办).
    {"key": "fzb", "name": "中共同心县委全面依法治县委员会办公室", "short": "县委依法治县办", "kind": "party",
     "parent": "xw", "type": "11"},
    {"key": "gov", "name": "同心县人民政府", "short": "县政府", "kind": "government", "parent": None, "type": "11"},
    {"key": "rd", "name": "同心县人民代表大会常务委员会", "short": "县人大常委会", "kind": "other", "parent": None, "type": "11"},
    {"key": "fy", "name": "同心县人民法院", "short": "县法院", "kind": "judicial", "parent": None, "type": "11"},
    {"key": "jcy", "name": "同心县人民检察院", "short": "县检察院", "kind": "judicial", "parent": None, "type": "11"},
]

# The 34 个部门（单位） under 县人民政府 (kind DEPARTMENT). Post-2019-reform names of a 宁夏 county;
# "type" is the 2nd character of the credit code: 1 机关, 2 事业单位. Plausible set, see README.
DEPARTMENTS: list[dict] = [
    {"key": "zfb", "name": "同心县人民政府办公室", "short": "县政府办"},
    {"key": "fgj", "name": "同心县发展和改革局", "short": "发改局"},
    {"key": "jtj", "name": "同心县教育体育局", "short": "教体局"},
    {"key": "gxj", "name": "同心县工业信息化和商务局", "short": "工信商务局"},
    {"key": "gaj", "name": "同心县公安局", "short": "公安局"},
    {"key": "mzj", "name": "同心县民政局", "short": "民政局"},
    {"key": "sfj", "name": "同心县司法局", "short": "司法局"},
    {"key": "czj", "name": "同心县财政局", "short": "财政局"},
    {"key": "rsj", "name": "同心县人力资源和社会保障局", "short": "人社局"},
    {"key": "zrj", "name": "同心县自然资源局", "short": "自然资源局"},
    {"key": "sthj", "name": "吴忠市生态环境局同心分局", "short": "生态环境分局"},
    {"key": "zjj", "name": "同心县住房和城乡建设局", "short": "住建局"},
    {"key": "jtysj", "name": "同心县交通运输局", "short": "交通运输局"},
    {"key": "swj", "name": "同心县水务局", "short": "水务局"},
    {"key": "nyj", "name": "同心县农业农村局", "short": "农业农村局"},
    {"key": "wlj", "name": "同心县文化旅游广电局", "short": "文旅广电局"},
    {"key": "wjj", "name": "同心县卫生健康局", "short": "卫健局"},
    {"key": "tyj", "name": "同心县退役军人事务局", "short": "退役军人局"},
    {"key": "yjj", "name": "同心县应急管理局", "short": "应急局"},
    {"key": "sjj", "name": "同心县审计局", "short": "审计局"},
    {"key": "scj", "name": "同心县市场监督管理局", "short": "市场监管局"},
    {"key": "tjj", "name": "同心县统计局", "short": "统计局"},
    {"key": "ybj", "name": "同心县医疗保障局", "short": "医保局"},
    {"key": "lcj", "name": "同心县林业和草原局", "short": "林草局"},
    {"key": "xzj", "name": "同心县乡村振兴局", "short": "乡村振兴局"},
    {"key": "xfj", "name": "同心县信访局", "short": "信访局"},
    {"key": "spj", "name": "同心县审批服务管理局", "short": "审批局"},
    {"key": "mzzj", "name": "同心县民族宗教事务局", "short": "民宗局"},
    {"key": "rfb", "name": "同心县人民防空办公室", "short": "人防办"},
    {"key": "gyq", "name": "宁夏同心工业园区管理委员会", "short": "工业园区管委会"},
    {"key": "sw", "name": "国家税务总局同心县税务局", "short": "税务局"},
    {"key": "xf", "name": "同心县消防救援大队", "short": "消防救援大队"},
    {"key": "qxj", "name": "同心县气象局", "short": "气象局"},
    {"key": "rmt", "name": "同心县融媒体中心", "short": "融媒体中心", "type": "12"},
]

# --------------------------------------------------------------------------------------------
# Demo logins. Same demo password for all — DEMO ONLY, never for a real deployment.
DEMO_PASSWORD = "Tongxin@2021"

# org: a key of TOP_BODIES / DEPARTMENTS, or "town:<9-digit code>".
USERS: list[dict] = [
    {"username": "fzb_admin", "name": "马建军", "org": "fzb", "role": "admin"},
    {"username": "sfj_reviewer", "name": "杨晓燕", "org": "sfj", "role": "reviewer", "reads_county": True},
    {"username": "scj_liaison", "name": "丁海霞", "org": "scj", "role": "liaison"},
    {"username": "yhz_liaison", "name": "李文博", "org": "town:640324100", "role": "liaison"},
    {"username": "scj_officer", "name": "金志刚", "org": "scj", "role": "officer"},
    {"username": "sfj_adviser", "name": "田明远", "org": "sfj", "role": "adviser", "reads_county": True},
    {"username": "xz_leader", "name": "王国栋", "org": "gov", "role": "leader"},
]


# --------------------------------------------------------------------------------------------
def _org_code_body(name: str) -> str:
    """A deterministic 9-character 组织机构代码 (GB 11714: 8 digits + check) derived from the name."""
    digits = str(int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16))[-8:]
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    c = 11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11
    check = {10: "X", 11: "0"}.get(c, str(c))
    return digits + check


def credit_code(name: str, type_code: str = "11") -> str:
    """A valid (GB 32100 check character), deterministic, NOT REAL 统一社会信用代码 for a body in 同心县.

    ``type_code``: registration authority + organization type, "11" 机构编制·机关, "12" 机构编制·事业单位.
    """
    body = f"{type_code}{COUNTY[0]}{_org_code_body(name)}"
    return body + uscc.calc_check_digit(body)


def counts() -> dict[str, int]:
    """Expected counts (the seed report's 34 / 12 / 142 / 11)."""
    return {
        "department": len(DEPARTMENTS),
        "township": len(TOWNSHIPS),
        "village": sum(len(v) for v in VILLAGES.values()),
        "community": sum(len(v) for v in COMMUNITIES.values()),
    }
