import DutyModel
import TerminalUI

/// The words of the map, in both languages (#20).
public enum MapText: Hashable, Sendable {
    case cursorLine(String, String, String)
    case nearestTeams
    case nearLine(String, Double, Int)
    case nearestDepots(String)
    case nearestShelters
    case nearQuantity(String, Double, Int64)
    case layersHeading
    case layer(MapLayer)
    case layersShort(String)
    case keysLine
    case layerShown(MapLayer, Bool)
    case gotoUsage
    case gotoNotFound(String)
    case wentTo(String, String)
    case nothingHere
    case noStandbyTeam
    case zoomLevel(Int)
    case unicodeOn(Bool)
    case keyMove, keyPan, keyZoom, keyFit, keyNext, keySelect, keyLayers, keyUnicode, keyCentre, keyActions, keyGoto

    public func text(_ language: Language) -> String {
        let (zh, en) = pair
        return language == .zh ? zh : en
    }

    private var pair: (String, String) {
        switch self {
        case .cursorLine(let ref, let point, let district):
            return ("光标 \(ref)  \(point)" + (district.isEmpty ? "" : "  \(district)"), "Cursor \(ref)  \(point)" + (district.isEmpty ? "" : "  \(district)"))
        case .nearestTeams: return ("就近待命队伍（直线距离，时间为估算）", "Nearest standby teams (straight line; times estimated)")
        case .nearLine(let name, let km, let minutes):
            let d = km < 10 ? String(format: "%.1f", km) : String(format: "%.0f", km)
            return ("\(name) \(d)公里 约\(minutes)分钟", "\(name) \(d) km ~\(minutes) min")
        case .nearestDepots(let item): return ("就近储备库（\(item)）", "Nearest depots holding \(item.lowercased())")
        case .nearestShelters: return ("就近开放避难场所（空余）", "Nearest open shelters (free places)")
        case .nearQuantity(let name, let km, let n):
            let d = km < 10 ? String(format: "%.1f", km) : String(format: "%.0f", km)
            return ("\(name) \(d)公里 \(n)", "\(name) \(d) km, \(n)")
        case .layersHeading: return ("图层（大写字母切换）", "Layers (capital letter toggles)")
        case .layer(let layer):
            switch layer {
            case .teams: return ("救援队伍", "Teams")
            case .depots: return ("物资储备库", "Depots")
            case .shelters: return ("避难场所", "Shelters")
            case .fireStations: return ("消防站", "Fire stations")
            case .hazards: return ("重大危险源", "Hazard sources")
            case .monitors: return ("监测站点", "Monitoring points")
            case .equipment: return ("大型装备", "Large equipment")
            case .incidents: return ("未结事件", "Open incidents")
            case .warnings: return ("生效预警区域", "Warning areas in force")
            }
        case .layersShort(let shown): return ("图层 \(shown) · ? 帮助", "layers \(shown) · ? help")
        case .keysLine: return ("方向键/hjkl 移动 HJKL 平移 +/- 缩放 0 全图 n/N 下一个 Enter 详情 u 字符 :goto C7",
                                "arrows/hjkl move HJKL pan +/- zoom 0 fit n/N next Enter detail u glyphs :goto C7")
        case .layerShown(let layer, let on):
            let (zh, en) = MapText.layer(layer).pair
            return ((on ? "显示 " : "隐藏 ") + zh, (on ? "showing " : "hiding ") + en.lowercased())
        case .gotoUsage: return (":goto 网格（如 C7）或 纬度,经度（如 32.49,119.92）", ":goto a grid square (C7) or latitude,longitude (32.49,119.92)")
        case .gotoNotFound(let text): return ("找不到 \(text)：请给出网格（如 C7）或 纬度,经度", "no such place: \(text); give a grid square (C7) or latitude,longitude")
        case .wentTo(let ref, let point): return ("已转到 \(ref)  \(point)", "at \(ref)  \(point)")
        case .nothingHere: return ("光标处没有对象；n 跳到下一个", "nothing under the cursor; n goes to the next object")
        case .noStandbyTeam: return ("没有待命队伍可调派", "no standby team to send")
        case .zoomLevel(let z): return ("缩放 \(z)", "zoom \(z)")
        case .unicodeOn(let on): return (on ? "Unicode 字符（点阵线条）" : "ASCII 字符", on ? "Unicode glyphs (braille lines)" : "ASCII glyphs")
        case .keyMove: return ("移动光标（到边缘时地图跟随）", "move the cursor (the map follows at the edge)")
        case .keyPan: return ("平移半屏", "pan by half a screen")
        case .keyZoom: return ("放大 / 缩小", "zoom in / out")
        case .keyFit: return ("显示全图", "fit the whole map")
        case .keyNext: return ("下一个 / 上一个对象", "next / previous object")
        case .keySelect: return ("选中光标处对象并看详情", "select the object under the cursor, its detail")
        case .keyLayers: return ("切换图层：队伍 储备库 避难场所 消防站 危险源 监测点 装备 事件 预警", "toggle a layer: teams depots shelters fire hazards monitors equipment incidents warnings")
        case .keyUnicode: return ("ASCII / Unicode 字符", "ASCII / Unicode glyphs")
        case .keyCentre: return ("以光标为中心", "centre on the cursor")
        case .keyActions: return ("对选中对象：调派 状态 调拨 退回；在事件上按 d 调派最近的待命队伍", "on the selected object: dispatch, status, issue, return; d on an incident sends the nearest standby team")
        case .keyGoto: return ("转到网格或坐标", "go to a grid square or a point")
        }
    }
}
