// The rule files of Rules/, compiled in so the console always has rules.
// Each text must stay byte-for-byte identical to its file (a test checks):
// after editing Rules/<name>.toml, paste the whole file between the delimiters.
enum BuiltinRules {
    static let taxonomyTOML = #"""
# Incident taxonomy (事件分类): the four categories (四大类) and their types,
# from DOMAIN.md §2.1. A station may replace this file with its own copy.
#
# One table per category; the four names are fixed: natural, accident, health,
# social. Each type, one per line:
#   id        stable identifier (ASCII letters, digits, _); journals record it,
#             so never rename one that is in use — add a new one instead
#   parent    (optional) the id of a broader type in the same category, e.g.
#             typhoon → meteorological; grading and reporting rules given for the
#             parent apply to its children unless a child has its own
#   zh, en    names shown on screen
#   keywords  what an officer can type to find it: pinyin initials
#             (危化品 → "whp", 暴雪 → "bx") and other short forms, lower case
# Types are listed in the order pickers show them, a parent before its children.

[natural]
zh = "自然灾害"
en = "Natural disaster"
keywords = ["zrzh"]
types = [
  { id = "meteorological", zh = "气象灾害", en = "Meteorological disaster", keywords = ["qxzh", "qx"] },
  { id = "typhoon", parent = "meteorological", zh = "台风", en = "Typhoon", keywords = ["tf"] },
  { id = "rainstorm", parent = "meteorological", zh = "暴雨", en = "Rainstorm", keywords = ["by"] },
  { id = "blizzard", parent = "meteorological", zh = "暴雪", en = "Snowstorm", keywords = ["bx"] },
  { id = "cold_wave", parent = "meteorological", zh = "寒潮", en = "Cold wave", keywords = ["hc"] },
  { id = "gale", parent = "meteorological", zh = "大风", en = "Gale", keywords = ["df"] },
  { id = "hail", parent = "meteorological", zh = "冰雹", en = "Hail", keywords = ["bb"] },
  { id = "lightning", parent = "meteorological", zh = "雷电", en = "Lightning", keywords = ["ld"] },
  { id = "fog", parent = "meteorological", zh = "大雾", en = "Dense fog", keywords = ["dw"] },
  { id = "heat", parent = "meteorological", zh = "高温", en = "Heat wave", keywords = ["gw"] },
  { id = "drought", parent = "meteorological", zh = "干旱", en = "Drought", keywords = ["gh"] },
  { id = "freezing", parent = "meteorological", zh = "低温雨雪冰冻", en = "Low temperature, sleet and freezing", keywords = ["dwyxbd", "bd"] },
  { id = "severe_convection", parent = "meteorological", zh = "强对流", en = "Severe convection", keywords = ["qdl"] },
  { id = "flood_drought", zh = "水旱灾害", en = "Flood and drought", keywords = ["shzh"] },
  { id = "flood", parent = "flood_drought", zh = "洪水", en = "Flood", keywords = ["hs"] },
  { id = "waterlogging", parent = "flood_drought", zh = "城市内涝", en = "Urban waterlogging", keywords = ["csnl", "nl"] },
  { id = "levee_breach", parent = "flood_drought", zh = "长江溃口", en = "Yangtze levee breach", keywords = ["cjkk", "kk"] },
  { id = "dike_danger", parent = "flood_drought", zh = "圩堤险情", en = "Polder-dike danger", keywords = ["wdxq"] },
  { id = "marine", zh = "海洋灾害", en = "Marine disaster", keywords = ["hyzh"] },
  { id = "storm_surge", parent = "marine", zh = "风暴潮", en = "Storm surge", keywords = ["fbc"] },
  { id = "waves", parent = "marine", zh = "海浪", en = "Storm waves", keywords = ["hl"] },
  { id = "earthquake", zh = "地震灾害", en = "Earthquake", keywords = ["dzzh", "dz"] },
  { id = "geological", zh = "地质灾害", en = "Geological disaster", keywords = ["dzzh", "dz"] },
  { id = "landslide", parent = "geological", zh = "滑坡", en = "Landslide", keywords = ["hp"] },
  { id = "rockfall", parent = "geological", zh = "崩塌", en = "Collapse (rockfall)", keywords = ["bt"] },
  { id = "debris_flow", parent = "geological", zh = "泥石流", en = "Debris flow", keywords = ["nsl"] },
  { id = "subsidence", parent = "geological", zh = "地面塌陷/沉降", en = "Ground collapse or subsidence", keywords = ["dmtx", "dmcj", "tx"] },
  { id = "forest_fire", zh = "森林火灾", en = "Forest fire", keywords = ["slhz", "slfh"] },
  { id = "biological", zh = "生物灾害", en = "Biological disaster", keywords = ["swzh"] },
]

[accident]
zh = "事故灾难"
en = "Accident"
keywords = ["sgzn"]
types = [
  { id = "hazchem", zh = "危险化学品", en = "Hazardous chemicals", keywords = ["whp", "wxhxp"] },
  { id = "hazchem_production", parent = "hazchem", zh = "危化品生产", en = "Hazardous chemicals: production", keywords = ["whpsc"] },
  { id = "hazchem_storage", parent = "hazchem", zh = "危化品储罐", en = "Hazardous chemicals: storage tank", keywords = ["whpcg", "cg"] },
  { id = "hazchem_transport", parent = "hazchem", zh = "危化品运输", en = "Hazardous chemicals: road tanker", keywords = ["whpys"] },
  { id = "fire", zh = "火灾", en = "Fire", keywords = ["hz"] },
  { id = "fire_high_rise", parent = "fire", zh = "高层建筑火灾", en = "Fire: high-rise building", keywords = ["gcjzhz", "gc"] },
  { id = "fire_complex", parent = "fire", zh = "商业综合体火灾", en = "Fire: commercial complex", keywords = ["syzhthz", "syzht"] },
  { id = "fire_group_rental", parent = "fire", zh = "群租房火灾", en = "Fire: crowded rental housing", keywords = ["qzfhz", "qzf"] },
  { id = "fire_three_in_one", parent = "fire", zh = "三合一场所火灾", en = "Fire: three-in-one premises", keywords = ["shycshz", "shy"] },
  { id = "road_traffic", zh = "道路交通", en = "Road traffic", keywords = ["dljt", "jt"] },
  { id = "road_passenger_hazmat", parent = "road_traffic", zh = "两客一危", en = "Coaches, tour buses and hazmat vehicles", keywords = ["lkyw"] },
  { id = "waterway", zh = "水上交通", en = "Waterway and ship", keywords = ["ssjt"] },
  { id = "construction", zh = "建筑施工", en = "Construction", keywords = ["jzsg"] },
  { id = "high_formwork", parent = "construction", zh = "高支模", en = "High formwork", keywords = ["gzm"] },
  { id = "deep_excavation", parent = "construction", zh = "深基坑", en = "Deep excavation", keywords = ["sjk"] },
  { id = "lifting_machinery", parent = "construction", zh = "起重机械", en = "Lifting machinery", keywords = ["qzjx"] },
  { id = "gas", zh = "城镇燃气", en = "Town gas", keywords = ["czrq", "rq"] },
  { id = "special_equipment", zh = "特种设备", en = "Special equipment", keywords = ["tzsb"] },
  { id = "boiler", parent = "special_equipment", zh = "锅炉", en = "Boiler", keywords = ["gl"] },
  { id = "lift", parent = "special_equipment", zh = "电梯", en = "Lift", keywords = ["dt"] },
  { id = "amusement_ride", parent = "special_equipment", zh = "游乐设施", en = "Amusement ride", keywords = ["ylss"] },
  { id = "mine", zh = "矿山", en = "Mine", keywords = ["ks"] },
  { id = "tailings_pond", parent = "mine", zh = "尾矿库", en = "Tailings pond", keywords = ["wkk"] },
  { id = "industry_trade", zh = "工贸", en = "Industry and trade", keywords = ["gm"] },
  { id = "metallurgy", parent = "industry_trade", zh = "冶金", en = "Metallurgy", keywords = ["yj"] },
  { id = "combustible_dust", parent = "industry_trade", zh = "粉尘涉爆", en = "Combustible dust", keywords = ["fcsb"] },
  { id = "shipbuilding", zh = "造拆船", en = "Shipbuilding and ship-breaking", keywords = ["zcc"] },
  { id = "pipeline", zh = "油气长输管线", en = "Oil and gas trunk pipeline", keywords = ["yqcsgx", "gx"] },
  { id = "fishing_vessel", zh = "渔业船舶", en = "Fishing vessel", keywords = ["yycb"] },
  { id = "nuclear", zh = "核事故", en = "Nuclear accident", keywords = ["hsg"] },
  { id = "crowd", zh = "人员密集场所", en = "Crowded place (stampede)", keywords = ["rymjcs", "ct"] },
]

[health]
zh = "公共卫生"
en = "Public health"
keywords = ["ggws"]
types = [
  { id = "epidemic", zh = "传染病疫情", en = "Infectious disease epidemic", keywords = ["crbyq", "yq"] },
  { id = "food_safety", zh = "食品安全", en = "Food safety", keywords = ["spaq"] },
  { id = "animal_epidemic", zh = "动物疫情", en = "Animal epidemic", keywords = ["dwyq"] },
  { id = "african_swine_fever", parent = "animal_epidemic", zh = "非洲猪瘟", en = "African swine fever", keywords = ["fzzw"] },
]

[social]
zh = "社会安全"
en = "Social safety"
keywords = ["shaq"]
types = [
  { id = "mass_incident", zh = "群体性事件", en = "Mass incident", keywords = ["qtxsj"] },
  { id = "foreign_related", zh = "涉外事件", en = "Foreign-related incident", keywords = ["swsj"] },
]

"""#

    static let gradingTOML = #"""
# Grade thresholds (事件分级标准), DOMAIN.md §2.2. The console *suggests* a grade
# from the intake numbers; the officer confirms or overrides it.
#
# Each [[tables]] entry:
#   applies_to  categories (natural, accident, health, social) and/or type ids
#               from taxonomy.toml. For an incident the most specific table wins:
#               its type, then the type's parents, then its category. A category
#               or type with no table gets no suggestion (the grade stays 未定级
#               until an officer sets it).
#   source      where the numbers come from (shown to the officer)
#   columns     deaths    deaths + missing (死亡含失踪)
#               injured   serious injuries incl. acute poisoning (重伤含急性中毒)
#               trapped   people trapped (被困)
#               evacuated people evacuated or resettled (紧急转移安置)
#               loss_cny  direct economic loss in yuan (直接经济损失)
#               Each column gives, per grade, the lowest number that reaches the
#               grade: 以上 includes the bound (deaths = 30 is I), 以下 excludes it.
#               Give any of I, II, III, IV; within a column I ≥ II ≥ III ≥ IV.
#   otherwise   (optional) the grade when no column reaches any bound; leave it
#               out to suggest nothing.
# The highest grade reached by any column wins.
#
# A station that adds tables (for natural disasters by its own plans, say) must
# copy the whole file: a station's grading.toml replaces this one.

# State Council Decree 493 (《生产安全事故报告和调查处理条例》), Art. 3: every
# work-safety accident is at least 一般 (IV).
[[tables]]
applies_to = ["accident"]
source = "国务院令第493号 第三条 / State Council Decree 493, Art. 3"
deaths = { I = 30, II = 10, III = 3 }
injured = { I = 100, II = 50, III = 10 }
loss_cny = { I = 100_000_000, II = 50_000_000, III = 10_000_000 }
otherwise = "IV"

# Natural disasters, public health and social safety are graded by their own
# plans (专项预案); no default numbers are shipped for them.

"""#

    static let reportingTOML = #"""
# Report clocks (信息报送时限), DOMAIN.md §2.3. Rules vary by province: a
# station may replace this file with its own copy.
#
# Durations are written like "15m", "6h", "1h30m", "2d" (d, h, m, s).
# Times of day are 24-hour "HH:MM" in the station's time zone.
#
# Per grade:
#   phone               initial report by phone (电话初报), counted from the time
#                       the duty room received the report (接报时间); a written
#                       initial report made first counts for the phone one too
#   written             initial written report (书面初报), from the same time
#   follow_up_at        daily times before which a follow-up (续报) is due, from
#                       the first slot after the written initial report until the
#                       emergency ends; any written follow-up made after the
#                       previous slot counts for the slot
#   follow_up_on_change whether a change (casualties, spread, grade…) after the
#                       last report needs its own follow-up, due within this
#                       grade's `written` time after the change; changes made
#                       before that follow-up is sent share it
# Follow-ups and the final report are counted only when made in writing.

# The final report (终报) is due this long after the incident's status
# reaches "ended" (应急结束).
final_within = "24h"

[grades.I]  # 特别重大
phone = "15m"
written = "30m"
follow_up_at = ["08:00", "17:00"]
follow_up_on_change = true

[grades.II]  # 重大
phone = "15m"
written = "30m"
follow_up_at = ["08:00", "17:00"]
follow_up_on_change = true

[grades.III]  # 较大
phone = "30m"
written = "60m"
follow_up_at = ["08:00", "17:00"]
follow_up_on_change = false

[grades.IV]  # 一般
phone = "60m"
written = "6h"
follow_up_at = []
follow_up_on_change = true

# 未定级: treated as 较大 until an officer grades it.
[ungraded]
phone = "30m"
written = "60m"
follow_up_at = ["08:00", "17:00"]
follow_up_on_change = false

# Further limits, for reference and for later checks (not yet turned into
# deadlines on the screen).
[other]
enterprise_within = "1h"      # an enterprise reports to the county (企业报告县级)
escalate_within = "2h"        # each level reports on to the next (逐级上报)
supplementary_within = "30d"  # casualties change after the event → 补报
# shorter window for these types (and their sub-types in taxonomy.toml)
supplementary_within_by_type = { road_traffic = "7d", fire = "7d" }

"""#

    static let lifecycleTOML = #"""
# Incident lifecycle (事件处置流程), DOMAIN.md §2.5:
#   received 接报 → verifying 核实 → responding 处置中 → contained 已控制
#   → ended 应急结束 → final_reported 已终报 → closed 已关闭
# The statuses and their order are fixed by the program; this file says which
# moves an officer may make. Every move is recorded with its time and officer.
#
# [next]: for each status, the statuses it may move *forward* to. Going back is
# never a plain move: it is a reopen (below), an explicit, recorded step.
[next]
# Normally verify first. Launch the response at once when the report is
# clearly real and urgent (边核实边处置). Close a false, duplicate or
# not-our-business report (e.g. handed to the police) without a response.
received = ["verifying", "responding", "closed"]
# Verified: respond; or it was already over when checked (fire out on
# arrival) — then it is "ended" and a final report is still due; or it proved
# false — close it.
verifying = ["responding", "ended", "closed"]
# A short emergency may end without a separate "contained" stage.
responding = ["contained", "ended"]
contained = ["ended"]
# Once an emergency has ended, the final report must be filed before closing.
ended = ["final_reported"]
final_reported = ["closed"]
closed = []

# Reopen (重新启动处置): from these statuses back to `to`, with a reason.
[reopen]
from = ["ended", "final_reported", "closed"]
to = "responding"

"""#

    static let warningsTOML = #"""
# Warnings (预警信息), DOMAIN.md §3.
#
# levels: the four warning levels of the Emergency Response Law (突发事件应对法),
# 1 is the highest. `cap_severity` is the CAP 1.2 <severity> the level maps to
# (both ways: CAP files in, CAP files out). The four colours are fixed by law;
# names and mapping are data.
levels = [
  { level = 1, color = "red", zh = "红色", zh_level = "一级", en = "Red", cap_severity = "Extreme" },
  { level = 2, color = "orange", zh = "橙色", zh_level = "二级", en = "Orange", cap_severity = "Severe" },
  { level = 3, color = "yellow", zh = "黄色", zh_level = "三级", en = "Yellow", cap_severity = "Moderate" },
  { level = 4, color = "blue", zh = "蓝色", zh_level = "四级", en = "Blue", cap_severity = "Minor" },
]

# issuers (发布单位): who sends warnings of each kind.
issuers = [
  { id = "meteorological", zh = "气象", en = "Meteorological service" },
  { id = "water_resources", zh = "水利", en = "Water resources" },
  { id = "natural_resources", zh = "自然资源", en = "Natural resources" },
  { id = "forestry", zh = "林业", en = "Forestry" },
  { id = "ocean", zh = "海洋", en = "Ocean" },
  { id = "earthquake", zh = "地震", en = "Earthquake" },
]

# Dissemination target (最后一公里): share of the public a warning must reach.
coverage_target_percent = 95

# types: warning kinds and the colours each may carry. Meteorological warning
# signals (气象灾害预警信号) do not all have four colours: a warning in a colour
# its type lacks is flagged on import. keywords: pinyin initials for pickers.
types = [
  { id = "typhoon", issuer = "meteorological", zh = "台风", en = "Typhoon", colors = ["blue", "yellow", "orange", "red"], keywords = ["tf"] },
  { id = "rainstorm", issuer = "meteorological", zh = "暴雨", en = "Rainstorm", colors = ["blue", "yellow", "orange", "red"], keywords = ["by"] },
  { id = "blizzard", issuer = "meteorological", zh = "暴雪", en = "Snowstorm", colors = ["blue", "yellow", "orange", "red"], keywords = ["bx"] },
  { id = "cold_wave", issuer = "meteorological", zh = "寒潮", en = "Cold wave", colors = ["blue", "yellow", "orange", "red"], keywords = ["hc"] },
  { id = "gale", issuer = "meteorological", zh = "大风", en = "Gale", colors = ["blue", "yellow", "orange", "red"], keywords = ["df"] },
  { id = "sandstorm", issuer = "meteorological", zh = "沙尘暴", en = "Sandstorm", colors = ["yellow", "orange", "red"], keywords = ["scb"] },
  { id = "heat", issuer = "meteorological", zh = "高温", en = "Heat wave", colors = ["yellow", "orange", "red"], keywords = ["gw"] },
  { id = "drought", issuer = "meteorological", zh = "干旱", en = "Drought", colors = ["orange", "red"], keywords = ["gh"] },
  { id = "lightning", issuer = "meteorological", zh = "雷电", en = "Lightning", colors = ["yellow", "orange", "red"], keywords = ["ld"] },
  { id = "hail", issuer = "meteorological", zh = "冰雹", en = "Hail", colors = ["orange", "red"], keywords = ["bb"] },
  { id = "frost", issuer = "meteorological", zh = "霜冻", en = "Frost", colors = ["blue", "yellow", "orange"], keywords = ["sd"] },
  { id = "fog", issuer = "meteorological", zh = "大雾", en = "Dense fog", colors = ["yellow", "orange", "red"], keywords = ["dw"] },
  { id = "haze", issuer = "meteorological", zh = "霾", en = "Haze", colors = ["yellow", "orange"], keywords = ["m"] },
  { id = "road_icing", issuer = "meteorological", zh = "道路结冰", en = "Road icing", colors = ["yellow", "orange", "red"], keywords = ["dljb"] },
  { id = "flood", issuer = "water_resources", zh = "洪水", en = "Flood", colors = ["blue", "yellow", "orange", "red"], keywords = ["hs"] },
  { id = "geological_risk", issuer = "natural_resources", zh = "地质灾害气象风险", en = "Geological hazard risk", colors = ["blue", "yellow", "orange", "red"], keywords = ["dzzh", "dzfx"] },
  { id = "forest_fire_danger", issuer = "forestry", zh = "森林火险", en = "Forest-fire danger", colors = ["blue", "yellow", "orange", "red"], keywords = ["slhx"] },
  { id = "storm_surge", issuer = "ocean", zh = "风暴潮", en = "Storm surge", colors = ["blue", "yellow", "orange", "red"], keywords = ["fbc"] },
  { id = "waves", issuer = "ocean", zh = "海浪", en = "Storm waves", colors = ["blue", "yellow", "orange", "red"], keywords = ["hl"] },
  # Earthquake early warnings carry the level the issuer states.
  { id = "earthquake", issuer = "earthquake", zh = "地震", en = "Earthquake", colors = ["blue", "yellow", "orange", "red"], keywords = ["dz"] },
]

"""#

    static let resourcesTOML = #"""
# Emergency resources (应急资源) — the kinds behind the "one map" (一张图),
# DOMAIN.md §4. Ids are stored in journals: add new ones, never rename.

# Affected people must receive basic relief (基本生活救助) within this time.
relief_within = "12h"

# Rescue teams (救援队伍). group: comprehensive 综合性, professional 专业,
# grassroots 基层, social 社会力量.
team_groups = [
  { id = "comprehensive", zh = "综合性消防救援队伍", en = "Fire and rescue (main force)" },
  { id = "professional", zh = "专业救援队伍", en = "Professional teams" },
  { id = "grassroots", zh = "基层应急队伍", en = "Grassroots teams" },
  { id = "social", zh = "社会应急力量", en = "Volunteer rescue groups" },
]
team_kinds = [
  { id = "fire_rescue", group = "comprehensive", zh = "消防救援", en = "Fire and rescue", keywords = ["xfjy", "xf"] },
  { id = "hazchem", group = "professional", zh = "危化品救援", en = "Hazardous-chemicals rescue", keywords = ["whpjy", "whp"] },
  { id = "flood_fighting", group = "professional", zh = "防汛抢险", en = "Flood fighting", keywords = ["fxqx", "fx"] },
  { id = "forest_fire", group = "professional", zh = "森林消防", en = "Forest firefighting", keywords = ["slxf"] },
  { id = "geo_earthquake", group = "professional", zh = "地质地震救援", en = "Geological and earthquake rescue", keywords = ["dzdzjy", "dz"] },
  { id = "water_rescue", group = "professional", zh = "水上救援", en = "Water rescue", keywords = ["ssjy"] },
  { id = "power_repair", group = "professional", zh = "电力抢修", en = "Power repair", keywords = ["dlqx"] },
  { id = "gas_repair", group = "professional", zh = "燃气抢险", en = "Gas repair", keywords = ["rqqx"] },
  { id = "medical", group = "professional", zh = "医疗救护", en = "Medical rescue", keywords = ["yljh"] },
  { id = "town_team", group = "grassroots", zh = "乡镇（街道）应急队伍", en = "Town or street team", keywords = ["xzyjdw", "jcdw"] },
  { id = "militia", group = "grassroots", zh = "民兵应急连", en = "Militia emergency company", keywords = ["mbyjl", "mb"] },
  { id = "volunteer", group = "social", zh = "社会救援力量", en = "Volunteer rescue group (e.g. Blue Sky Rescue 蓝天救援队)", keywords = ["shjyll", "ltjyd"] },
]
# Team status, with the trail of who dispatched it, when and where to.
team_statuses = [
  { id = "standby", zh = "待命", en = "Standby" },
  { id = "dispatched", zh = "已出动", en = "Dispatched" },
  { id = "returning", zh = "返回中", en = "Returning" },
  { id = "unavailable", zh = "不可用", en = "Unavailable" },
]

# Material reserves (应急物资储备): city centre + county depots + town points
# ("1+6+N"), reserves held physically, by contract or as production capacity.
depot_levels = [
  { id = "city", zh = "市级储备库", en = "City depot" },
  { id = "county", zh = "县级储备库", en = "County depot" },
  { id = "town", zh = "乡镇储备点", en = "Town point" },
]
reserve_kinds = [
  { id = "physical", zh = "实物储备", en = "Physical stock" },
  { id = "contract", zh = "协议储备", en = "Under contract" },
  { id = "capacity", zh = "产能储备", en = "Production capacity" },
]
# Items and the unit their quantities are counted in.
items = [
  { id = "tent", zh = "帐篷", en = "Tent", unit_zh = "顶", unit_en = "tents", keywords = ["zp"] },
  { id = "quilt", zh = "棉被", en = "Quilt", unit_zh = "床", unit_en = "quilts", keywords = ["mb"] },
  { id = "folding_bed", zh = "折叠床", en = "Folding bed", unit_zh = "张", unit_en = "beds", keywords = ["zdc"] },
  { id = "life_jacket", zh = "救生衣", en = "Life jacket", unit_zh = "件", unit_en = "jackets", keywords = ["jsy"] },
  { id = "sandbag", zh = "编织袋", en = "Sandbag", unit_zh = "条", unit_en = "bags", keywords = ["bzd"] },
  { id = "pump", zh = "水泵", en = "Pump", unit_zh = "台", unit_en = "pumps", keywords = ["sb"] },
  { id = "generator", zh = "发电机", en = "Generator", unit_zh = "台", unit_en = "generators", keywords = ["fdj"] },
  { id = "drinking_water", zh = "饮用水", en = "Drinking water", unit_zh = "箱", unit_en = "cases", keywords = ["yys"] },
  { id = "instant_food", zh = "方便食品", en = "Instant food", unit_zh = "箱", unit_en = "cases", keywords = ["fbsp"] },
]

# Shelters (应急避难场所).
shelter_kinds = [
  { id = "central", zh = "中心避难场所", en = "Central shelter" },
  { id = "fixed", zh = "固定避难场所", en = "Fixed shelter" },
  { id = "emergency", zh = "紧急避难场所", en = "Emergency shelter" },
]
shelter_hosts = [
  { id = "park", zh = "公园", en = "Park" },
  { id = "square", zh = "广场", en = "Square" },
  { id = "school", zh = "学校", en = "School" },
  { id = "stadium", zh = "体育场馆", en = "Stadium" },
  { id = "civil_defence", zh = "人防工程", en = "Civil-defence works" },
]
shelter_statuses = [
  { id = "open", zh = "已开放", en = "Open" },
  { id = "running", zh = "运行中", en = "Running" },
  { id = "closed", zh = "已关闭", en = "Closed" },
]
# When only the area is known, capacity = area / this many m² per person.
shelter_m2_per_person = 2.5

# Other layers of the map. max_grade: the feature carries a grade 1…max_grade.
map_layers = [
  { id = "fire_station", zh = "消防站", en = "Fire station" },
  { id = "hazard_source", zh = "重大危险源", en = "Major hazard source", max_grade = 4 },
  { id = "chemical_park", zh = "化工园区", en = "Chemical park" },
  { id = "geohazard_point", zh = "地质灾害隐患点", en = "Geological hazard point" },
  { id = "monitoring_point", zh = "监测站点（水位、雨量）", en = "Monitoring point (water level, rain)" },
  { id = "reservoir", zh = "水库", en = "Reservoir" },
  { id = "river", zh = "河流", en = "River" },
  { id = "town_boundary", zh = "乡镇边界", en = "Town boundary" },
]

"""#

    static let texts: [String: String] = [
        "taxonomy.toml": taxonomyTOML,
        "grading.toml": gradingTOML,
        "reporting.toml": reportingTOML,
        "lifecycle.toml": lifecycleTOML,
        "warnings.toml": warningsTOML,
        "resources.toml": resourcesTOML,
    ]
}
