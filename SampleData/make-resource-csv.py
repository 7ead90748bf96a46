#!/usr/bin/env python3
"""Writes the demo's resource registry (应急资源, DOMAIN.md §4) next to this script,
one CSV per kind, Chinese headers:

  taizhou-teams.csv  taizhou-depots.csv  taizhou-stock.csv  taizhou-shelters.csv
  taizhou-fire_stations.csv  taizhou-hazards.csv  taizhou-monitors.csv
  taizhou-equipment.csv

Counties and towns are spelled as in Rules/places.toml, kinds as the `zh` names of
Rules/resources.toml. Units and places are the real ones of DOMAIN.md §6 and the
Taizhou plan; people, phone numbers, addresses and enterprises are invented
(enterprises plainly: 泰兴某甲化工有限公司 …); the few units that are also in
taizhou-contacts.csv (滨江消防站, 泰兴经济开发区危化品应急救援中心, 国网泰州供电公司,
泰州市物资储备中心) keep the contact person and office phone given there.
Coordinates are WGS84, placed near each town's rough position but kept within
~0.06° of the county centre (兴化 0.12°); rows at one address share one point (a
fire team sits at its station). No randomness: run again after editing and the
output is byte-identical. UTF-8 without BOM, LF line endings. Ends with a
self-check (assertions); run it with `python3 SampleData/make-resource-csv.py`."""
import csv, os, re, zlib

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)

# ---------------------------------------------------------------- places
# County centres (DOMAIN.md §6) and how far a point may stray from them.
CENTRE = {
    "海陵区": (32.49, 119.92), "高港区": (32.32, 119.88), "姜堰区": (32.51, 120.13),
    "兴化市": (32.91, 119.85), "靖江市": (32.01, 120.27), "泰兴市": (32.17, 120.05),
    "医药高新区": (32.44, 119.98),
}
RADIUS = {c: (0.12 if c == "兴化市" else 0.06) for c in CENTRE}
# Towns' rough positions (only the towns used below). Pulled towards the county
# centre by place() so that every point stays inside its county's box.
TOWN_POS = {
    "海陵区": {"城东街道": (32.49, 119.94), "城西街道": (32.49, 119.90), "城中街道": (32.485, 119.92),
             "城南街道": (32.47, 119.92), "城北街道": (32.51, 119.92), "京泰路街道": (32.50, 119.89),
             "红旗街道": (32.48, 119.905), "九龙镇": (32.50, 119.86), "罡杨镇": (32.54, 119.93),
             "苏陈镇": (32.54, 119.88), "华港镇": (32.53, 119.97)},
    "高港区": {"口岸街道": (32.31, 119.87), "刁铺街道": (32.35, 119.90), "许庄街道": (32.33, 119.91),
             "永安洲镇": (32.27, 119.87), "白马镇": (32.35, 119.92), "大泗镇": (32.36, 119.84),
             "胡庄镇": (32.35, 119.82)},
    "姜堰区": {"罗塘街道": (32.51, 120.14), "三水街道": (32.52, 120.15), "天目山街道": (32.50, 120.12),
             "梁徐街道": (32.48, 120.09), "张甸镇": (32.46, 120.18), "沈高镇": (32.56, 120.10),
             "溱潼镇": (32.565, 120.08), "俞垛镇": (32.56, 120.15), "白米镇": (32.46, 120.12),
             "娄庄镇": (32.55, 120.18), "蒋垛镇": (32.46, 120.17)},
    "兴化市": {"昭阳街道": (32.93, 119.84), "临城街道": (32.91, 119.82), "沙沟镇": (33.01, 119.74),
             "中堡镇": (32.99, 119.77), "李中镇": (32.87, 119.75), "西郊镇": (32.91, 119.79),
             "千垛镇": (32.83, 119.94), "戴南镇": (32.80, 119.96), "张郭镇": (32.80, 119.93),
             "大垛镇": (32.87, 119.96), "荻垛镇": (32.85, 119.93), "陶庄镇": (32.87, 119.95),
             "合陈镇": (32.95, 119.95), "戴窑镇": (32.99, 119.96), "安丰镇": (32.97, 119.90),
             "竹泓镇": (32.85, 119.89), "周奋镇": (32.81, 119.94), "钓鱼镇": (32.96, 119.79),
             "林湖乡": (32.98, 119.83), "茅山镇": (32.82, 119.95)},
    "靖江市": {"靖城街道": (32.02, 120.27), "新桥镇": (32.04, 120.22), "东兴镇": (32.03, 120.31),
             "斜桥镇": (32.05, 120.30), "西来镇": (32.05, 120.24), "季市镇": (32.06, 120.31),
             "孤山镇": (32.05, 120.27), "生祠镇": (32.05, 120.22), "马桥镇": (32.03, 120.32),
             "靖江经济技术开发区管委会": (31.99, 120.24)},
    "泰兴市": {"济川街道": (32.17, 120.05), "延令街道": (32.18, 120.03), "黄桥镇": (32.22, 120.10),
             "分界镇": (32.22, 120.09), "古溪镇": (32.22, 120.09), "元竹镇": (32.20, 120.09),
             "珊瑚镇": (32.18, 120.09), "广陵镇": (32.19, 120.07), "曲霞镇": (32.20, 120.00),
             "虹桥镇": (32.12, 120.03), "滨江镇": (32.14, 119.995), "七圩镇": (32.115, 120.02),
             "根思乡": (32.12, 120.07), "河失镇": (32.13, 120.09), "宣堡镇": (32.22, 120.02),
             "泰兴经济开发区": (32.13, 120.00)},
    "医药高新区": {"寺巷街道": (32.44, 119.99), "明珠街道": (32.43, 119.97), "野徐镇": (32.42, 120.01),
              "凤凰街道": (32.445, 119.975), "泰州医药高新技术产业开发区管委会": (32.425, 119.985)},
}


def place(county, town, key):
    """A deterministic point near the town, inside the county's box: the town's
    position pulled into 85 % of the box, plus up to ±0.005° keyed by `key` (an
    address where there is one, so that one address gives one point)."""
    clat, clon = CENTRE[county]
    lat, lon = TOWN_POS[county][town]
    r = RADIUS[county] * 0.85
    lat = min(max(lat, clat - r), clat + r)
    lon = min(max(lon, clon - r), clon + r)
    h = zlib.crc32(key.encode("utf-8"))
    lat += ((h & 0xFFFF) / 0xFFFF - 0.5) * 0.010
    lon += (((h >> 16) & 0xFFFF) / 0xFFFF - 0.5) * 0.010
    return f"{lat:.5f}", f"{lon:.5f}"


# ---------------------------------------------------------------- people and phones
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["建军", "海峰", "立群", "春华", "永刚", "晓东", "振华", "文杰", "国强", "红霞", "志明", "秀兰",
         "卫平", "丽萍", "小军", "宏伟", "德胜", "玉梅", "长青", "金龙", "爱华", "新民", "桂芳", "兆林",
         "庆丰", "少波", "云飞", "世荣", "凤英", "俊杰", "家宝", "雪峰", "明亮", "晓燕", "学军", "宝山",
         "春生", "维新", "建平", "瑞芬", "广才", "志远", "惠敏", "成林", "继红", "正阳", "德明"]
_person_n = [0]


def person():
    n = _person_n[0]
    _person_n[0] += 1
    return SURNAMES[(n * 11 + 3) % len(SURNAMES)] + GIVEN[(n * 5 + 1) % len(GIVEN)]


# Office prefixes per county (invented 0523-8xxxxxxx numbers).
OFFICE = {"海陵区": "862", "高港区": "869", "姜堰区": "882", "兴化市": "832", "靖江市": "846",
          "泰兴市": "876", "医药高新区": "861"}


def office(county, n):
    return f"0523-{OFFICE[county]}{(n * 37 + 11) % 100000:05d}"


def mobile(n):
    return f"{'139' if n % 2 == 0 else '138'}0526{(n * 613 + 1207) % 10000:04d}"


# How a management committee's area is written in an address.
ADDR_TOWN = {"泰州医药高新技术产业开发区管委会": "", "靖江经济技术开发区管委会": "经济技术开发区",
             "泰兴经济开发区": "经济开发区"}


def address(county, town, street, no):
    return f"{county}{ADDR_TOWN.get(town, town)}{street}{no}号"


# ---------------------------------------------------------------- fire stations
FIRE = []  # 编号,名称,类型,消防车,县区,乡镇,地址,纬度,经度,联系电话


def fire(name, kind, trucks, county, town, street, no, phone=None):
    i = f"F{len(FIRE) + 1:02d}"
    a = address(county, town, street, no)
    lat, lon = place(county, town, a)
    FIRE.append([i, name, kind, trucks, county, town, a, lat, lon, phone or office(county, 700 + len(FIRE))])
    STATION_ADDR[name] = a


STATION_ADDR = {}  # fire station name → address: a fire team's base


fire("泰州市消防救援支队特勤站", "特勤站", 14, "海陵区", "城北街道", "鼓楼北路", 119)
fire("海陵消防救援站", "一级站", 8, "海陵区", "城南街道", "南通路", 21)
fire("京泰路消防救援站", "二级站", 5, "海陵区", "京泰路街道", "京泰路", 16)
fire("高港消防救援站", "一级站", 8, "高港区", "口岸街道", "通江路", 58)
fire("高新区滨江消防站", "特勤站", 12, "医药高新区", "泰州医药高新技术产业开发区管委会", "滨江大道", 1,
     phone="0523-86991119")
fire("医药城消防救援站", "一级站", 7, "医药高新区", "寺巷街道", "药城大道", 66)
fire("姜堰消防救援站", "一级站", 8, "姜堰区", "三水街道", "三水大道", 12)
fire("溱潼小型消防站", "小型站", 2, "姜堰区", "溱潼镇", "湖滨路", 9)
fire("兴化消防救援站", "一级站", 9, "兴化市", "昭阳街道", "英武路", 119)
fire("戴南消防救援站", "二级站", 5, "兴化市", "戴南镇", "人民路", 119)
fire("沙沟小型消防站", "小型站", 2, "兴化市", "沙沟镇", "镇中路", 17)
fire("靖江消防救援站", "一级站", 8, "靖江市", "靖城街道", "江平路", 119)
fire("靖江经济技术开发区消防站", "特勤站", 11, "靖江市", "靖江经济技术开发区管委会", "新港大道", 8)
fire("泰兴消防救援站", "一级站", 8, "泰兴市", "济川街道", "国庆路", 119)
fire("泰兴经济开发区消防站", "特勤站", 13, "泰兴市", "泰兴经济开发区", "疏港路", 1)
fire("黄桥消防救援站", "二级站", 5, "泰兴市", "黄桥镇", "致富路", 119)

# ---------------------------------------------------------------- teams
TEAMS = []  # 编号,名称,类型,所属单位,人数,主要装备,县区,乡镇,驻地,纬度,经度,联系人,联系电话,状态
XF = "泰州市消防救援支队"


def team(name, kind, unit, people, kit, county, town, base, status="待命", contact=None):
    i = f"T{len(TEAMS) + 1:03d}"
    base = STATION_ADDR.get(base, base)
    lat, lon = place(county, town, base if base.startswith(county) else county + base)
    n = len(TEAMS)
    who, tel = contact or (person(), office(county, 300 + n) if n % 3 else mobile(100 + n))
    TEAMS.append([i, name, kind, unit, people, kit, county, town, base, lat, lon, who, tel, status])


FIRE_KIT = "水罐消防车、泡沫消防车、抢险救援车"
team("泰州市消防救援支队特勤站", "消防救援", XF, 62, "举高喷射消防车、抢险救援车、化学洗消车、排烟车", "海陵区", "城北街道", "泰州市消防救援支队特勤站")
team("海陵消防救援站", "消防救援", XF, 38, FIRE_KIT, "海陵区", "城南街道", "海陵消防救援站")
team("高港消防救援站", "消防救援", XF, 36, FIRE_KIT, "高港区", "口岸街道", "高港消防救援站")
team("高新区滨江消防站", "消防救援", XF, 45, "泡沫消防车、干粉泡沫联用车、举高喷射消防车、远程供水系统", "医药高新区", "泰州医药高新技术产业开发区管委会", "高新区滨江消防站",
     contact=("姚振宇", "0523-86991119"))
team("姜堰消防救援站", "消防救援", XF, 35, FIRE_KIT, "姜堰区", "三水街道", "姜堰消防救援站")
team("兴化消防救援站", "消防救援", XF, 40, FIRE_KIT + "、冲锋舟", "兴化市", "昭阳街道", "兴化消防救援站")
team("靖江消防救援站", "消防救援", XF, 37, FIRE_KIT, "靖江市", "靖城街道", "靖江消防救援站")
team("泰兴消防救援站", "消防救援", XF, 36, FIRE_KIT, "泰兴市", "济川街道", "泰兴消防救援站")
team("泰兴经济开发区危化品应急救援中心", "危化品救援", "泰兴经济开发区管委会", 58, "化学洗消车、侦检车、堵漏器材、重型防化服、泡沫消防车",
     "泰兴市", "泰兴经济开发区", "泰兴经济开发区应急救援基地", contact=("陆海滨", "0523-87675001"))
team("靖江经济技术开发区危化品救援队", "危化品救援", "靖江经济技术开发区管委会", 32, "侦检车、堵漏器材、重型防化服", "靖江市", "靖江经济技术开发区管委会", "靖江经济技术开发区消防站")
team("滨江化工集中区企业联防救援队", "危化品救援", "泰兴市滨江镇人民政府", 24, "泡沫消防车、气体检测仪、空气呼吸器", "泰兴市", "滨江镇", "滨江镇化工集中区")
team("泰州市防汛机动抢险队", "防汛抢险", "泰州市水利局", 60, "大流量排涝车、冲锋舟、编织袋、打桩机", "海陵区", "京泰路街道", "泰州市防汛物资仓库")
team("兴化市防汛机动抢险队", "防汛抢险", "兴化市水务局", 80, "排涝泵车、冲锋舟、挖掘机、编织袋", "兴化市", "临城街道", "兴化市防汛仓库")
team("沙沟镇防汛抢险队", "防汛抢险", "兴化市沙沟镇人民政府", 40, "冲锋舟、水泵、编织袋、救生衣", "兴化市", "沙沟镇", "沙沟镇政府大院")
team("戴南镇防汛抢险队", "防汛抢险", "兴化市戴南镇人民政府", 45, "水泵、编织袋、发电机", "兴化市", "戴南镇", "戴南镇应急管理站")
team("千垛镇防汛抢险队", "防汛抢险", "兴化市千垛镇人民政府", 35, "冲锋舟、水泵、编织袋", "兴化市", "千垛镇", "千垛镇缸顾村")
team("中堡镇防汛抢险队", "防汛抢险", "兴化市中堡镇人民政府", 30, "水泵、编织袋、救生衣", "兴化市", "中堡镇", "中堡镇应急管理站", status="不可用")
team("溱潼镇防汛抢险队", "防汛抢险", "姜堰区溱潼镇人民政府", 30, "冲锋舟、水泵、编织袋", "姜堰区", "溱潼镇", "溱潼镇湖南村")
team("靖江市长江堤防抢险队", "防汛抢险", "靖江市水利局", 50, "挖掘机、编织袋、土工布、打桩机", "靖江市", "新桥镇", "新桥镇长江堤防管理所")
team("孤山森林消防队", "森林消防", "靖江市孤山镇人民政府", 18, "风力灭火机、二号工具、水带", "靖江市", "孤山镇", "孤山风景区管理处")
team("泰州市地震地质灾害救援队", "地质地震救援", "泰州市应急管理局", 40, "生命探测仪、破拆工具组、照明车", "海陵区", "城东街道", "泰州市应急救援训练基地")
team("长江泰州段水上搜救队", "水上救援", "泰州市交通运输局", 36, "搜救艇、冲锋舟、潜水装具", "高港区", "口岸街道", "高港港区码头")
team("靖江水上救援队", "水上救援", "靖江市交通运输局", 24, "搜救艇、冲锋舟、救生抛投器", "靖江市", "靖江经济技术开发区管委会", "八圩港码头")
team("泰兴七圩水上救援队", "水上救援", "泰兴市交通运输局", 20, "冲锋舟、救生衣、救生抛投器", "泰兴市", "七圩镇", "七圩港码头")
team("国网泰州供电公司电力抢修队", "电力抢修", "国网泰州供电公司", 65, "应急发电车、抢修车、照明车", "海陵区", "城中街道", "国网泰州供电公司抢修中心",
     contact=("谢东", "0523-86229001"))
team("国网兴化市供电公司电力抢修队", "电力抢修", "国网泰州供电公司", 40, "应急发电车、抢修车", "兴化市", "昭阳街道", "兴化供电抢修中心")
team("国网靖江市供电公司电力抢修队", "电力抢修", "国网泰州供电公司", 35, "应急发电车、抢修车", "靖江市", "靖城街道", "靖江供电抢修中心")
team("国网泰兴市供电公司电力抢修队", "电力抢修", "国网泰州供电公司", 35, "应急发电车、抢修车", "泰兴市", "延令街道", "泰兴供电抢修中心")
team("泰州市燃气应急抢险队", "燃气抢险", "泰州市住房和城乡建设局", 28, "燃气抢险车、检测仪、堵漏器材", "海陵区", "城西街道", "城西燃气调度站")
team("泰州市紧急医学救援队", "医疗救护", "泰州市卫生健康委员会", 45, "负压救护车、移动医疗方舱、急救药械", "海陵区", "城东街道", "泰州市人民医院")
team("兴化市紧急医学救援队", "医疗救护", "兴化市卫生健康委员会", 30, "救护车、急救药械", "兴化市", "昭阳街道", "兴化市人民医院")
team("九龙镇综合应急救援队", "乡镇（街道）应急队伍", "海陵区九龙镇人民政府", 25, "水泵、灭火器材、照明设备", "海陵区", "九龙镇", "九龙镇应急管理站")
team("永安洲镇综合应急救援队", "乡镇（街道）应急队伍", "高港区永安洲镇人民政府", 25, "水泵、编织袋、救生衣", "高港区", "永安洲镇", "永安洲镇应急管理站")
team("黄桥镇综合应急救援队", "乡镇（街道）应急队伍", "泰兴市黄桥镇人民政府", 28, "水泵、灭火器材、发电机", "泰兴市", "黄桥镇", "黄桥镇应急管理站")
team("野徐镇综合应急救援队", "乡镇（街道）应急队伍", "医药高新区野徐镇人民政府", 22, "水泵、灭火器材", "医药高新区", "野徐镇", "野徐镇应急管理站", status="不可用")
team("沈高镇综合应急救援队", "乡镇（街道）应急队伍", "姜堰区沈高镇人民政府", 24, "水泵、编织袋、救生衣", "姜堰区", "沈高镇", "沈高镇应急管理站")
team("海陵区民兵应急连", "民兵应急连", "海陵区人民武装部", 120, "冲锋舟、编织袋、铁锹", "海陵区", "城西街道", "海陵区人武部")
team("兴化市民兵应急连", "民兵应急连", "兴化市人民武装部", 120, "冲锋舟、编织袋、铁锹", "兴化市", "临城街道", "兴化市人武部")
team("泰兴市民兵应急连", "民兵应急连", "泰兴市人民武装部", 110, "编织袋、铁锹、照明设备", "泰兴市", "延令街道", "泰兴市人武部")
team("靖江市民兵应急连", "民兵应急连", "靖江市人民武装部", 100, "编织袋、铁锹、冲锋舟", "靖江市", "靖城街道", "靖江市人武部", status="不可用")
team("泰州蓝天救援队", "社会救援力量", "泰州蓝天救援队", 85, "冲锋舟、无人机、潜水装具、生命探测仪", "海陵区", "城南街道", "海陵区城南街道队部")
team("兴化蓝天救援队", "社会救援力量", "兴化蓝天救援队", 40, "冲锋舟、无人机、救生衣", "兴化市", "昭阳街道", "兴化市昭阳街道队部")
team("靖江蓝天救援队", "社会救援力量", "靖江蓝天救援队", 35, "冲锋舟、无人机", "靖江市", "靖城街道", "靖江市靖城街道队部")
team("姜堰区应急救援志愿者协会", "社会救援力量", "姜堰区应急管理局", 30, "担架、急救包、照明设备", "姜堰区", "罗塘街道", "姜堰区罗塘街道")

# ---------------------------------------------------------------- depots and stock
DEPOTS = []  # 编号,名称,级别,储备方式,县区,乡镇,地址,纬度,经度,联系人,联系电话


def depot(name, level, way, county, town, street, no, contact=None):
    i = f"D{len(DEPOTS) + 1:02d}"
    a = address(county, town, street, no)
    lat, lon = place(county, town, a)
    n = len(DEPOTS)
    who, tel = contact or (person(), office(county, 500 + n) if n < 7 else mobile(500 + n))
    DEPOTS.append([i, name, level, way, county, town, a, lat, lon, who, tel])
    return i


d_city = depot("泰州市物资储备中心", "市级储备库", "实物储备", "海陵区", "城北街道", "物流园路", 8,
               contact=("汪春燕", "0523-86885001"))
d_county = [
    depot("靖江市应急物资储备库", "县级储备库", "实物储备", "靖江市", "靖城街道", "江平路", 168),
    depot("兴化市应急物资储备库", "县级储备库", "实物储备", "兴化市", "临城街道", "英武路", 66),
    depot("姜堰区应急物资储备库", "县级储备库", "实物储备", "姜堰区", "天目山街道", "仓储路", 12),
    depot("泰兴市应急物资储备库", "县级储备库", "实物储备", "泰兴市", "延令街道", "物资路", 20),
    depot("高港区应急物资储备库", "县级储备库", "实物储备", "高港区", "刁铺街道", "仓储路", 9),
    depot("医药高新区应急物资储备库", "县级储备库", "实物储备", "医药高新区", "野徐镇", "物流路", 31),
]
d_town = [
    depot("沙沟镇应急物资储备点", "乡镇储备点", "实物储备", "兴化市", "沙沟镇", "镇中路", 2),
    depot("戴南镇应急物资储备点", "乡镇储备点", "实物储备", "兴化市", "戴南镇", "人民路", 15),
    depot("千垛镇应急物资储备点", "乡镇储备点", "实物储备", "兴化市", "千垛镇", "镇南路", 6),
    depot("溱潼镇应急物资储备点", "乡镇储备点", "实物储备", "姜堰区", "溱潼镇", "湖滨路", 3),
    depot("永安洲镇应急物资储备点", "乡镇储备点", "实物储备", "高港区", "永安洲镇", "江堤路", 11),
    depot("七圩镇应急物资储备点", "乡镇储备点", "协议储备", "泰兴市", "七圩镇", "港城路", 5),
    depot("新桥镇应急物资储备点", "乡镇储备点", "实物储备", "靖江市", "新桥镇", "新港大道", 21),
    depot("九龙镇应急物资储备点", "乡镇储备点", "协议储备", "海陵区", "九龙镇", "九龙路", 7),
]

STOCK = []  # 储备库编号,物资,数量,最低库存,轮换日期
ITEMS = ["帐篷", "棉被", "折叠床", "救生衣", "编织袋", "水泵", "发电机", "饮用水", "方便食品"]
CITY_QTY = {"帐篷": 3000, "棉被": 8000, "折叠床": 2500, "救生衣": 3000, "编织袋": 50000,
            "水泵": 60, "发电机": 40, "饮用水": 2000, "方便食品": 1500}


def rotation(d, item):
    k = int(d[1:])
    if item == "饮用水":
        return f"2027-{(k * 5) % 12 + 1:02d}-15"
    if item == "方便食品":
        return f"2027-{(k * 7 + 3) % 12 + 1:02d}-{28 if k % 2 else 10}"
    return ""


def stock(d, item, qty, minimum, n):
    STOCK.append([d, item, qty, minimum, rotation(d, item)])


n = 0
for item in ITEMS:
    q = CITY_QTY[item]
    stock(d_city, item, q, q // 2, n)
    n += 1
# County depots: a fifth to a third of the city's, varied per depot.
for k, d in enumerate(d_county):
    for item in ITEMS:
        q = CITY_QTY[item] * (18 + 5 * ((k + ITEMS.index(item)) % 4)) // 100
        minimum = q * 2 // 5
        if (d, item) == (d_county[1], "编织袋"):  # 兴化: sandbags used in the summer floods, not yet replenished
            minimum = q + 3000
        stock(d, item, q, minimum, n)
        n += 1
# Town points: dozens of the flood and shelter basics.
TOWN_ITEMS = {"帐篷": 20, "棉被": 60, "救生衣": 80, "编织袋": 2000, "水泵": 4, "饮用水": 50, "方便食品": 40}
for k, d in enumerate(d_town):
    for j, (item, base) in enumerate(TOWN_ITEMS.items()):
        if item == "帐篷" and k % 3 == 2:
            continue
        q = base * (8 + (k * 3 + j) % 7) // 10
        minimum = base // 2
        if (d, item) == (d_town[3], "救生衣"):  # 溱潼: jackets lent to the boat festival, short
            q, minimum = 25, 60
        stock(d, item, q, minimum, n)
        n += 1

# ---------------------------------------------------------------- shelters
SHELTERS = []  # 编号,名称,类型,依托场所,面积,容纳人数,县区,乡镇,地址,纬度,经度,状态


def shelter(name, kind, host, area, county, town, street, no, cap="auto", status="已关闭"):
    i = f"S{len(SHELTERS) + 1:03d}"
    a = address(county, town, street, no)
    lat, lon = place(county, town, a)
    if cap == "auto":
        cap = int(area / 2.5)
    SHELTERS.append([i, name, kind, host, area, cap, county, town, a, lat, lon, status])


shelter("天德湖公园应急避难场所", "中心避难场所", "公园", 260000, "海陵区", "城南街道", "天德湖路", 1)
shelter("泰州市体育中心应急避难场所", "中心避难场所", "体育场馆", 120000, "医药高新区", "凤凰街道", "体育路", 1)
shelter("凤城河风景区应急避难场所", "固定避难场所", "公园", 80000, "海陵区", "城中街道", "凤城河路", 2)
shelter("泰州学院应急避难场所", "固定避难场所", "学校", 45000, "海陵区", "城东街道", "东风路", 93)
shelter("人民公园应急避难场所", "固定避难场所", "公园", 30000, "海陵区", "城西街道", "海陵路", 60)
shelter("海陵区人防地下工程避难场所", "紧急避难场所", "人防工程", 6000, "海陵区", "红旗街道", "青年路", 18)
shelter("九龙镇中心广场避难场所", "紧急避难场所", "广场", 8000, "海陵区", "九龙镇", "九龙路", 20)
shelter("高港区体育馆应急避难场所", "固定避难场所", "体育场馆", 25000, "高港区", "口岸街道", "通江路", 11, status="已开放")
shelter("口岸实验学校应急避难场所", "紧急避难场所", "学校", 12000, "高港区", "口岸街道", "学院路", 5)
shelter("永安洲镇文化广场避难场所", "紧急避难场所", "广场", 6000, "高港区", "永安洲镇", "江堤路", 2)
shelter("明珠街道中心公园避难场所", "固定避难场所", "公园", 40000, "医药高新区", "明珠街道", "明珠路", 8, cap="")
shelter("寺巷街道文体广场避难场所", "紧急避难场所", "广场", 9000, "医药高新区", "寺巷街道", "寺巷路", 3)
shelter("溱湖风景区应急避难场所", "中心避难场所", "公园", 150000, "姜堰区", "溱潼镇", "溱湖路", 1)
shelter("姜堰中学应急避难场所", "固定避难场所", "学校", 50000, "姜堰区", "罗塘街道", "人民路", 29)
shelter("姜堰区体育中心应急避难场所", "固定避难场所", "体育场馆", 60000, "姜堰区", "三水街道", "体育路", 6)
shelter("沈高镇中心小学避难场所", "紧急避难场所", "学校", 7000, "姜堰区", "沈高镇", "镇中路", 12)
shelter("兴化市体育中心应急避难场所", "中心避难场所", "体育场馆", 110000, "兴化市", "临城街道", "英武路", 88)
shelter("兴化中学应急避难场所", "固定避难场所", "学校", 55000, "兴化市", "昭阳街道", "长安路", 26)
shelter("千垛景区应急避难场所", "固定避难场所", "公园", 70000, "兴化市", "千垛镇", "千垛路", 1)
shelter("沙沟镇中心小学避难场所", "紧急避难场所", "学校", 9000, "兴化市", "沙沟镇", "镇中路", 8)
shelter("戴南镇人民广场避难场所", "紧急避难场所", "广场", 15000, "兴化市", "戴南镇", "人民路", 50)
shelter("中堡镇文体广场避难场所", "紧急避难场所", "广场", 6000, "兴化市", "中堡镇", "镇东路", 4, cap="")
shelter("孤山风景区应急避难场所", "中心避难场所", "公园", 130000, "靖江市", "孤山镇", "孤山路", 1)
shelter("靖江市体育中心应急避难场所", "固定避难场所", "体育场馆", 65000, "靖江市", "靖城街道", "江平路", 99)
shelter("靖江市人防地下工程避难场所", "紧急避难场所", "人防工程", 8000, "靖江市", "靖城街道", "人民路", 40)
shelter("新桥镇中心小学避难场所", "紧急避难场所", "学校", 7500, "靖江市", "新桥镇", "新港大道", 15)
shelter("泰兴市体育中心应急避难场所", "中心避难场所", "体育场馆", 100000, "泰兴市", "济川街道", "国庆路", 1)
shelter("泰兴中学应急避难场所", "固定避难场所", "学校", 50000, "泰兴市", "延令街道", "文昌路", 18)
shelter("黄桥镇文化广场避难场所", "紧急避难场所", "广场", 12000, "泰兴市", "黄桥镇", "致富路", 2)
shelter("泰兴经济开发区应急避难场所", "固定避难场所", "广场", 30000, "泰兴市", "泰兴经济开发区", "疏港路", 6)

# ---------------------------------------------------------------- major hazard sources
HAZARDS = []  # 编号,名称,企业,等级,危险物质,县区,乡镇,纬度,经度,联系电话


def hazard(name, company, grade, substance, county, town):
    i = f"H{len(HAZARDS) + 1:03d}"
    lat, lon = place(county, town, i)
    HAZARDS.append([i, name, company, grade, substance, county, town, lat, lon, office(county, 900 + len(HAZARDS))])


# Enterprises plainly invented: 某甲, 某乙 … are placeholders, not real firms.
TX = "泰兴经济开发区"
hazard("液氯储罐区", "泰兴某甲化工有限公司", 1, "液氯", "泰兴市", TX)
hazard("氯碱装置区", "泰兴某甲化工有限公司", 2, "氯气、氢气", "泰兴市", TX)
hazard("环氧乙烷储罐区", "泰兴某乙石化有限公司", 1, "环氧乙烷", "泰兴市", TX)
hazard("乙烯球罐区", "泰兴某乙石化有限公司", 2, "乙烯", "泰兴市", TX)
hazard("丙烯球罐区", "泰兴某丙新材料有限公司", 1, "丙烯", "泰兴市", TX)
hazard("甲醇罐区", "泰兴某丁化学有限公司", 3, "甲醇", "泰兴市", TX)
hazard("苯储罐区", "泰兴某戊精细化工有限公司", 2, "苯", "泰兴市", TX)
hazard("液氨储罐区", "泰兴某己化肥有限公司", 2, "液氨", "泰兴市", TX)
hazard("光气化装置区", "泰兴某庚化工有限公司", 1, "光气、一氧化碳", "泰兴市", TX)
hazard("苯乙烯罐区", "泰兴滨江某甲化工有限公司", 3, "苯乙烯", "泰兴市", "滨江镇")
hazard("甲苯储罐区", "泰兴滨江某乙化工有限公司", 3, "甲苯", "泰兴市", "滨江镇")
hazard("液化石油气球罐区", "泰兴滨江某丙能源有限公司", 2, "液化石油气", "泰兴市", "滨江镇")
hazard("丙烯腈罐区", "泰兴滨江某丁化工有限公司", 4, "丙烯腈", "泰兴市", "滨江镇")
hazard("液氯钢瓶库", "靖江某甲化工有限公司", 2, "液氯", "靖江市", "靖江经济技术开发区管委会")
hazard("甲醇储罐区", "靖江某乙储运有限公司", 3, "甲醇", "靖江市", "靖江经济技术开发区管委会")
hazard("汽油储罐区", "靖江某乙储运有限公司", 2, "汽油", "靖江市", "靖江经济技术开发区管委会")
hazard("二甲苯罐区", "靖江某丙化学有限公司", 4, "二甲苯", "靖江市", "靖江经济技术开发区管委会")
hazard("原油储罐区", "泰州某甲石化储运有限公司", 2, "原油", "高港区", "永安洲镇")
hazard("甲醇乙醇罐区", "泰州某乙制药有限公司", 4, "甲醇、乙醇", "医药高新区", "泰州医药高新技术产业开发区管委会")
hazard("液氨制冷车间", "姜堰某甲冷链食品有限公司", 4, "液氨", "姜堰区", "梁徐街道")

# ---------------------------------------------------------------- monitoring points
MONITORS = []  # 编号,名称,类型,河流,警戒水位,县区,乡镇,纬度,经度


def monitor(name, kind, river, warn, county, town):
    i = f"M{len(MONITORS) + 1:02d}"
    lat, lon = place(county, town, i)
    MONITORS.append([i, name, kind, river, "" if warn is None else f"{warn:.1f}", county, town, lat, lon])


monitor("高港长江水位站", "水位", "长江", 5.0, "高港区", "口岸街道")
monitor("高港枢纽引江河水位站", "水位", "泰州引江河", 4.5, "高港区", "刁铺街道")
monitor("永安洲长江水位站", "水位", "长江", 5.0, "高港区", "永安洲镇")
monitor("靖江八圩长江水位站", "水位", "长江", 4.8, "靖江市", "靖江经济技术开发区管委会")
monitor("泰兴过船长江水位站", "水位", "长江", 4.9, "泰兴市", "泰兴经济开发区")
monitor("泰州新通扬运河水位站", "水位", "新通扬运河", 3.2, "海陵区", "城北街道")
monitor("姜堰新通扬运河水位站", "水位", "新通扬运河", 3.0, "姜堰区", "罗塘街道")
monitor("兴化卤汀河水位站", "水位", "卤汀河", 2.2, "兴化市", "西郊镇")
monitor("兴化水位站", "水位", "里下河", 2.0, "兴化市", "昭阳街道")
monitor("戴南蚌蜒河水位站", "水位", "蚌蜒河", 2.1, "兴化市", "戴南镇")
monitor("沙沟得胜湖水位站", "水位", "得胜湖", 2.0, "兴化市", "沙沟镇")
monitor("溱潼溱湖水位站", "水位", "溱湖", 2.3, "姜堰区", "溱潼镇")
monitor("兴化城区雨量站", "雨量", "", None, "兴化市", "昭阳街道")
monitor("千垛雨量站", "雨量", "", None, "兴化市", "千垛镇")
monitor("海陵城区雨量站", "雨量", "", None, "海陵区", "城中街道")
monitor("靖江城区雨量站", "雨量", "", None, "靖江市", "靖城街道")
monitor("泰兴黄桥雨量站", "雨量", "", None, "泰兴市", "黄桥镇")

# ---------------------------------------------------------------- large equipment
EQUIP = []  # 编号,名称,类型,数量,所属单位,县区,乡镇,地址,纬度,经度,联系电话


def equip(name, kind, qty, unit, county, town, street, no):
    i = f"E{len(EQUIP) + 1:02d}"
    a = address(county, town, street, no)
    lat, lon = place(county, town, a)
    n = len(EQUIP)
    EQUIP.append([i, name, kind, qty, unit, county, town, a, lat, lon,
                  office(county, 1100 + n) if n % 2 else mobile(1100 + n)])


equip("大流量排水抢险车", "排涝车", 4, "泰州市水利局", "海陵区", "京泰路街道", "京泰路", 36)
equip("龙吸水排涝车", "排涝车", 3, "兴化市水务局", "兴化市", "临城街道", "英武路", 70)
equip("移动泵站排涝车", "排涝车", 2, "姜堰区水利局", "姜堰区", "天目山街道", "仓储路", 12)
equip("城区排涝车", "排涝车", 2, "泰州市城市管理局", "医药高新区", "明珠街道", "明珠路", 15)
equip("防汛挖掘机", "挖掘机", 6, "兴化市水务局", "兴化市", "戴南镇", "人民路", 15)
equip("长江堤防挖掘机", "挖掘机", 5, "靖江市水利局", "靖江市", "新桥镇", "新港大道", 21)
equip("抢险挖掘机", "挖掘机", 4, "泰兴市住房和城乡建设局", "泰兴市", "济川街道", "国庆路", 50)
equip("应急发电车", "发电车", 6, "国网泰州供电公司", "海陵区", "城中街道", "海陵路", 88)
equip("应急发电车", "发电车", 3, "国网泰州供电公司", "兴化市", "昭阳街道", "长安路", 10)
equip("应急发电车", "发电车", 2, "国网泰州供电公司", "靖江市", "靖城街道", "人民路", 66)
equip("冲锋舟", "冲锋舟", 30, "兴化市应急管理局", "兴化市", "沙沟镇", "镇中路", 2)
equip("冲锋舟", "冲锋舟", 20, "泰州市物资储备中心", "海陵区", "城北街道", "物流园路", 8)
equip("冲锋舟", "冲锋舟", 12, "高港区应急管理局", "高港区", "永安洲镇", "江堤路", 11)
equip("卫星应急通信车", "应急通信车", 1, "泰州市应急管理局", "海陵区", "城东街道", "东风路", 1)
equip("应急通信保障车", "应急通信车", 2, "泰州市消防救援支队", "海陵区", "城北街道", "鼓楼北路", 119)
equip("化工园区应急通信车", "应急通信车", 1, "泰兴经济开发区管委会", "泰兴市", "泰兴经济开发区", "疏港路", 6)

# ---------------------------------------------------------------- write
FILES = [
    ("taizhou-teams.csv", ["编号", "名称", "类型", "所属单位", "人数", "主要装备", "县区", "乡镇", "驻地", "纬度", "经度", "联系人", "联系电话", "状态"], TEAMS),
    ("taizhou-depots.csv", ["编号", "名称", "级别", "储备方式", "县区", "乡镇", "地址", "纬度", "经度", "联系人", "联系电话"], DEPOTS),
    ("taizhou-stock.csv", ["储备库编号", "物资", "数量", "最低库存", "轮换日期"], STOCK),
    ("taizhou-shelters.csv", ["编号", "名称", "类型", "依托场所", "面积", "容纳人数", "县区", "乡镇", "地址", "纬度", "经度", "状态"], SHELTERS),
    ("taizhou-fire_stations.csv", ["编号", "名称", "类型", "消防车", "县区", "乡镇", "地址", "纬度", "经度", "联系电话"], FIRE),
    ("taizhou-hazards.csv", ["编号", "名称", "企业", "等级", "危险物质", "县区", "乡镇", "纬度", "经度", "联系电话"], HAZARDS),
    ("taizhou-monitors.csv", ["编号", "名称", "类型", "河流", "警戒水位", "县区", "乡镇", "纬度", "经度"], MONITORS),
    ("taizhou-equipment.csv", ["编号", "名称", "类型", "数量", "所属单位", "县区", "乡镇", "地址", "纬度", "经度", "联系电话"], EQUIP),
]
for fname, header, rows in FILES:
    with open(os.path.join(here, fname), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# ---------------------------------------------------------------- self-check
def load_toml(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        import tomllib
        return tomllib.loads(data.decode("utf-8"))
    except ImportError:
        return None


def places():
    """county name → set of towns, from Rules/places.toml."""
    path = os.path.join(root, "Rules", "places.toml")
    t = load_toml(path)
    if t is not None:
        return {c["name"]: set(c["towns"]) for c in t["county"]}
    out, name = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r'\s*name\s*=\s*"([^"]+)"', line)
        if m:
            name = m.group(1)
        m = re.match(r'\s*towns\s*=\s*\[(.*)\]', line)
        if m and name:
            out[name] = set(re.findall(r'"([^"]+)"', m.group(1)))
    return out


def vocab():
    """list name → set of zh names, from Rules/resources.toml."""
    path = os.path.join(root, "Rules", "resources.toml")
    t = load_toml(path)
    if t is not None:
        return {k: {e["zh"] for e in v} for k, v in t.items() if isinstance(v, list)}
    out, key = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r'(\w+)\s*=\s*\[', line)
        if m:
            key = m.group(1)
            out[key] = set()
        m = re.search(r'zh\s*=\s*"([^"]+)"', line)
        if m and key:
            out[key].add(m.group(1))
    return out


P, V = places(), vocab()
assert set(CENTRE) == set(P), (set(CENTRE) ^ set(P))


def read(fname):
    path = os.path.join(here, fname)
    raw = open(path, "rb").read()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, fname
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def is_int(s):
    return re.fullmatch(r"\d+", s) is not None


CHECK = {  # file → {column: allowed values}
    "taizhou-teams.csv": {"类型": V["team_kinds"], "状态": V["team_statuses"]},
    "taizhou-depots.csv": {"级别": V["depot_levels"], "储备方式": V["reserve_kinds"]},
    "taizhou-stock.csv": {"物资": V["items"]},
    "taizhou-shelters.csv": {"类型": V["shelter_kinds"], "依托场所": V["shelter_hosts"], "状态": V["shelter_statuses"]},
    "taizhou-fire_stations.csv": {"类型": V.get("fire_station_kinds", {"特勤站", "一级站", "二级站", "小型站"})},
    "taizhou-hazards.csv": {"等级": {"1", "2", "3", "4"}},
    "taizhou-monitors.csv": {"类型": V.get("monitor_kinds", {"水位", "雨量"})},
    "taizhou-equipment.csv": {"类型": V.get("equipment_kinds", {"排涝车", "挖掘机", "发电车", "冲锋舟", "应急通信车"})},
}
INTS = {"人数", "数量", "最低库存", "面积", "容纳人数", "消防车", "等级"}
PHONE = re.compile(r"0523-8\d{7}|13[89]\d{8}")
counts = {}
for fname, header, _ in FILES:
    rows = read(fname)
    counts[fname] = len(rows)
    assert rows and list(rows[0].keys()) == header, fname
    if "编号" in header:
        ids = [r["编号"] for r in rows]
        assert len(ids) == len(set(ids)), fname + ": duplicate 编号"
    for r in rows:
        where = f"{fname} {r.get('编号') or r.get('储备库编号')}"
        assert all(v == v.strip() and "\n" not in v for v in r.values()), where
        if "县区" in r:
            assert r["县区"] in P, where + ": county " + r["县区"]
            assert r["乡镇"] in P[r["县区"]], where + ": town " + r["乡镇"]
        for col, allowed in CHECK[fname].items():
            assert r[col] in allowed, f"{where}: {col}={r[col]}"
        for col in INTS & set(r):
            assert r[col] == "" and col == "容纳人数" or is_int(r[col]), f"{where}: {col}={r[col]}"
        if "纬度" in r:
            lat, lon = float(r["纬度"]), float(r["经度"])
            assert re.fullmatch(r"\d+\.\d{5}", r["纬度"]) and re.fullmatch(r"\d+\.\d{5}", r["经度"]), where
            assert 31.85 <= lat <= 33.25 and 119.55 <= lon <= 120.60, where
            clat, clon = CENTRE[r["县区"]]
            assert abs(lat - clat) <= RADIUS[r["县区"]] and abs(lon - clon) <= RADIUS[r["县区"]], where
            # Nearer its own county's centre than any other (lon scaled by cos 32.5°).
            near = min(CENTRE, key=lambda c: (lat - CENTRE[c][0]) ** 2 + ((lon - CENTRE[c][1]) * 0.843) ** 2)
            assert near == r["县区"] or r["县区"] == "兴化市", f"{where}: nearer {near}"
        if "联系电话" in r:
            assert PHONE.fullmatch(r["联系电话"]), where + ": phone " + r["联系电话"]

depots = {r["编号"]: r for r in read("taizhou-depots.csv")}
stock_rows = read("taizhou-stock.csv")
assert len({(r["储备库编号"], r["物资"]) for r in stock_rows}) == len(stock_rows), "stock: duplicate (depot, item)"
assert all(r["储备库编号"] in depots for r in stock_rows), "stock: unknown depot"
assert set(depots) == {r["储备库编号"] for r in stock_rows}, "a depot without stock"
assert sum(int(r["数量"]) < int(r["最低库存"]) for r in stock_rows) == 2, "want exactly two shortages"
for r in stock_rows:
    d = r["轮换日期"]
    assert d == "" or re.fullmatch(r"20\d\d-\d\d-\d\d", d), r
    assert (d != "") == (r["物资"] in ("饮用水", "方便食品")) and (d == "" or d.startswith("2027")), r
levels = [r["级别"] for r in depots.values()]
assert levels.count("市级储备库") == 1 and levels.count("县级储备库") == 6, levels
assert {r["县区"] for r in depots.values() if r["级别"] == "县级储备库"} == set(CENTRE) - {"海陵区"}
assert 1 <= [r["储备方式"] for r in depots.values()].count("协议储备") <= 2
shelters = read("taizhou-shelters.csv")
assert sum(r["容纳人数"] == "" for r in shelters) == 2
assert [r["状态"] for r in shelters].count("已开放") <= 1
for r in shelters:
    if r["容纳人数"]:
        assert abs(int(r["容纳人数"]) - int(r["面积"]) / 2.5) <= 1, r["编号"]
for r in read("taizhou-monitors.csv"):
    if r["类型"] == "水位":
        assert re.fullmatch(r"\d+\.\d", r["警戒水位"]) and r["河流"], r["编号"]
    else:
        assert r["警戒水位"] == "", r["编号"]
assert "高新区滨江消防站" in {r["名称"] for r in read("taizhou-fire_stations.csv")}
assert "高新区滨江消防站" in {r["名称"] for r in read("taizhou-teams.csv")}
companies = {r["企业"] for r in read("taizhou-hazards.csv")}
assert all("某" in c for c in companies), "enterprises must be plainly invented"

at = {}
for f in ("taizhou-teams.csv", "taizhou-depots.csv", "taizhou-shelters.csv", "taizhou-fire_stations.csv", "taizhou-equipment.csv"):
    for r in read(f):
        a = r.get("地址") or r["驻地"]
        assert at.setdefault(a, (r["纬度"], r["经度"])) == (r["纬度"], r["经度"]), f + " " + a
names = [r["联系人"] for f in ("taizhou-teams.csv", "taizhou-depots.csv") for r in read(f)]
assert len(names) == len(set(names)), "a contact person twice"

for fname, n in counts.items():
    print(f"{fname}: {n} rows")
