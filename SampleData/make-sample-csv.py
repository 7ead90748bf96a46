#!/usr/bin/env python3
"""Writes taizhou-contacts.csv (Chinese headers) and taizhou-roster.csv
(English headers) next to this script. Names are invented; units are the
real ones of DOMAIN.md §6. Run again after editing; the output is stable."""
import csv, datetime, os

here = os.path.dirname(os.path.abspath(__file__))

# (id, name, unit, title, role, office, mobile, radio, satellite, backup, notes)
C = []
def add(i, name, unit, title, role, office, mobile, radio="", sat="", backup="", notes=""):
    C.append([i, name, unit, title, role, office, mobile, radio, sat, backup, notes])

city = "泰州市应急管理局"
leaders1 = [("tz-l01", "周建华", "局长"), ("tz-l02", "陈国平", "副局长"), ("tz-l03", "孙立新", "副局长"),
            ("tz-l04", "吴海涛", "副局长"), ("tz-l05", "郑志强", "总工程师")]
leaders2 = [("tz-s01", "王卫东", "办公室主任"), ("tz-s02", "李明", "应急指挥中心主任"), ("tz-s03", "张红梅", "风险监测和综合减灾处处长"),
            ("tz-s04", "刘洋", "危化品安全监督管理处处长"), ("tz-s05", "赵文斌", "救援协调和预案管理处处长"), ("tz-s06", "钱秀英", "火灾防治管理处处长")]
officers = [("tz-o01", "黄磊"), ("tz-o02", "徐静"), ("tz-o03", "朱晓峰"), ("tz-o04", "马丽"), ("tz-o05", "胡斌"),
            ("tz-o06", "郭婷"), ("tz-o07", "何军"), ("tz-o08", "林芳"), ("tz-o09", "高鹏"), ("tz-o10", "罗燕"),
            ("tz-o11", "梁超"), ("tz-o12", "宋佳")]
for n, (i, name, title) in enumerate(leaders1):
    b = leaders1[(n + 1) % len(leaders1)][1]
    add(i, name, city, title, "带班领导", f"0523-8683{1000 + n:04d}"[-13:], f"1390523{1100 + n:04d}",
        f"泰州应急{n + 1:02d}", f"1740523{2100 + n:04d}" if n < 2 else "", b, "一级带班")
for n, (i, name, title) in enumerate(leaders2):
    b = leaders2[(n + 1) % len(leaders2)][1]
    add(i, name, city, title, "带班领导", f"0523-8683{2000 + n:04d}"[-13:], f"1380523{3200 + n:04d}",
        f"泰州应急{n + 11:02d}", "", b, "二级带班")
for n, (i, name) in enumerate(officers):
    b = officers[n ^ 1][1]  # A/B pairs: 1-2, 3-4, …
    add(i, name, city + "总值班室", "值班员", "值班员", "0523-86839110", f"1355231{4300 + n:04d}",
        "泰州应急总值班" if n < 4 else "", "", b, "")
add("tz-duty", "总值班室", city, "", "值班室", "0523-86839110", "", "泰州应急总值班", "17405230110", "", "24小时值班电话；传真 0523-86839119")

peers = [("hl", "海陵区应急管理局", "0523-86220"), ("gg", "高港区应急管理局", "0523-86921"),
         ("jy", "姜堰区应急管理局", "0523-88231"), ("xh", "兴化市应急管理局", "0523-83231"),
         ("jj", "靖江市应急管理局", "0523-84612"), ("tx", "泰兴市应急管理局", "0523-87621"),
         ("yy", "医药高新区应急管理局", "0523-86185")]
peer_people = [("钱立军", "韩雪"), ("冯涛", "曹丽娟"), ("许卫国", "邓琳"), ("彭振华", "蒋敏"),
               ("董建军", "袁媛"), ("吕志刚", "杜娟"), ("魏国庆", "沈玲")]
for n, ((code, unit, office), (lead, duty)) in enumerate(zip(peers, peer_people)):
    add(f"{code}-l01", lead, unit, "副局长", "带班领导", f"{office}001", f"1395236{5100 + n:04d}", f"{unit[:2]}应急01",
        f"1740523{6100 + n:04d}", duty, "")
    add(f"{code}-duty", duty, unit + "值班室", "值班员", "值班员", f"{office}110", f"1385236{5200 + n:04d}",
        f"{unit[:2]}应急值班", "", lead, "")
    # A peer duty phone without an id: the importer derives one from name and mobile.
    add("", unit[:2] + "值班电话", unit, "", "值班室", f"{office}119", "", "", "", "", "")

others = [
    ("txkfq-01", "陆海滨", "泰兴经济开发区危化品应急救援中心", "主任", "救援队伍", "0523-87675001", "13952611001", "开发区救援01", "17405236601", "txkfq-02", "化工园区；液氯、环氧乙烷"),
    ("txkfq-02", "任晓东", "泰兴经济开发区危化品应急救援中心", "副主任", "救援队伍", "0523-87675002", "13952611002", "开发区救援02", "", "txkfq-01", ""),
    ("bjxf-01", "姚振宇", "高新区滨江消防站", "站长", "救援队伍", "0523-86991119", "13905261201", "滨江消防01", "", "bjxf-02", ""),
    ("bjxf-02", "卢浩", "高新区滨江消防站", "指导员", "救援队伍", "0523-86991118", "13905261202", "滨江消防02", "", "bjxf-01", ""),
    ("wzcb-01", "汪春燕", "泰州市物资储备中心", "主任", "物资保障", "0523-86885001", "13805262301", "", "", "wzcb-02", "\"1+6+N\"储备库；夜间调拨先打手机"),
    ("wzcb-02", "范建平", "泰州市物资储备中心", "仓储科科长", "物资保障", "0523-86885002", "13805262302", "", "", "wzcb-01", "靖江、兴化、姜堰、医药高新区新库"),
    ("xfzd-01", "方国栋", "泰州市消防救援支队指挥中心", "值班长", "救援队伍", "0523-86991119", "13905262401", "泰州消防指挥", "17405262401", "", ""),
    ("qx-01", "石慧", "泰州市气象台", "首席预报员", "预警发布", "0523-86222601", "13905262501", "", "", "", "预警信号发布"),
    ("sl-01", "廖长江", "泰州市水利局防汛抗旱办公室", "值班室主任", "防汛", "0523-86891701", "13905262601", "泰州防汛01", "17405262601", "", "泰州引江河、新通扬运河"),
    ("ga-01", "秦勇", "泰州市公安局指挥中心", "值班长", "联动单位", "0523-86990110", "13905262701", "泰州公安指挥", "", "", ""),
    ("wj-01", "孔莉", "泰州市卫生健康委应急办", "主任", "联动单位", "0523-86399120", "13905262801", "", "", "", "医疗救治、120调度"),
    ("jt-01", "侯建", "泰州市交通运输局", "应急科科长", "联动单位", "0523-86840301", "13905262901", "", "", "", "长江泰州段水上交通"),
    ("gd-01", "谢东", "国网泰州供电公司", "调度值班长", "联动单位", "0523-86229001", "13905263001", "", "", "", "电力抢修"),
    ("xxy-01", "顾平", "兴化市戴南镇灾害信息员", "灾害信息员", "灾害信息员", "", "13905263101", "", "17405263101", "", "里下河地区"),
    ("sj-01", "邹明", "江苏省应急管理厅总值班室", "值班员", "上级值班室", "025-83276000", "", "", "", "", "省厅；信息报送"),
]
for o in others:
    add(*o)

with open(os.path.join(here, "taizhou-contacts.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["编号", "姓名", "单位", "职务", "角色", "办公电话", "手机", "电台", "卫星电话", "AB角", "备注"])
    w.writerows(C)

with open(os.path.join(here, "taizhou-roster.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["date", "shift", "leader", "leader2", "officers", "backups"])
    day = datetime.date(2026, 11, 1)
    n = 0
    while day <= datetime.date(2027, 1, 31):
        l1 = leaders1[n % len(leaders1)][1]
        l2 = leaders2[n % len(leaders2)][1]
        count = 3 if day.weekday() >= 5 else 2
        picks = [officers[(2 * n + k) % len(officers)][1] for k in range(count)]
        backs = [officers[((2 * n + k) % len(officers)) ^ 1][1] for k in range(count)]
        # The B of an officer on this shift must not be on it too.
        backs = [b if b not in picks else officers[((2 * n + k + 4) % len(officers))][1] for k, b in enumerate(backs)]
        w.writerow([day.isoformat(), 0, l1, l2, "、".join(picks), "、".join(backs)])
        day += datetime.timedelta(days=1)
        n += 1
print(len(C), "contacts")
