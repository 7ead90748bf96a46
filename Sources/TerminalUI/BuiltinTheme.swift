// The default theme, compiled in so the console always has one. It must stay
// identical to Themes/default.toml (a test checks).
enum BuiltinTheme {
    static let defaultTOML = #"""
# Zhiban default theme: for a dark or light terminal background alike.
# Colours: a name (red, bright-blue …), "default", or an xterm-256 index 0–255.
# attrs: bold, dim, underline, reverse, italic.
# mono: the attributes used when the terminal has no colours at all.
name = "default"

[roles.normal]
fg = "default"
bg = "default"

[roles.muted]
fg = 245
mono = ["dim"]

[roles.title]
fg = 39
attrs = ["bold"]
mono = ["bold"]

[roles.border]
fg = 240

[roles.tab_active]
fg = 231
bg = 25
attrs = ["bold"]
mono = ["reverse", "bold"]

[roles.tab_inactive]
fg = 250
bg = 236

[roles.status_bar]
fg = 252
bg = 237
mono = ["reverse"]

[roles.status_accent]
fg = 231
bg = 237
attrs = ["bold"]
mono = ["reverse", "bold"]

[roles.selection]
fg = 231
bg = 24
mono = ["reverse"]

[roles.header]
fg = 250
attrs = ["bold", "underline"]
mono = ["bold", "underline"]

[roles.input]
fg = 231
bg = 238
mono = ["underline"]

[roles.command_line]
fg = 231
bg = 234
mono = ["bold"]

[roles.info]
fg = 117

[roles.error]
fg = 231
bg = 124
attrs = ["bold"]
mono = ["reverse", "bold"]

[roles.warning]
fg = 214
attrs = ["bold"]
mono = ["bold"]

[roles.ok]
fg = 71

[roles.overdue]
fg = 231
bg = 160
attrs = ["bold"]
mono = ["reverse", "bold", "underline"]

[roles.alert_red]
fg = 231
bg = 160
attrs = ["bold"]
mono = ["reverse", "bold"]

# Without colour the selection is reverse video: no status a row can have may be
# plain reverse too (orange was, and hid the selected row; #23).
[roles.alert_orange]
fg = 16
bg = 208
attrs = ["bold"]
mono = ["bold", "underline"]

[roles.alert_yellow]
fg = 16
bg = 220
mono = ["bold"]

[roles.alert_blue]
fg = 231
bg = 27
mono = ["underline"]

[roles.dialog]
fg = 252
bg = 235

[roles.dialog_title]
fg = 231
bg = 235
attrs = ["bold"]
mono = ["bold"]

[roles.help_key]
fg = 221
bg = 235
attrs = ["bold"]
mono = ["bold"]

[roles.banner]
fg = 231
bg = 160
attrs = ["bold"]
mono = ["reverse", "bold"]
"""#
}
