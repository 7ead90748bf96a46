#ifndef ZHIBAN_CNCURSESW_SHIM_H
#define ZHIBAN_CNCURSESW_SHIM_H

// Wide-character ncurses: these must be defined before the header is read,
// otherwise cchar_t, get_wch and add_wch are not declared.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// Swift cannot read C globals that are macros or mutable; these accessors give
// it a safe, read-only view of them.
static inline WINDOW *zb_stdscr(void) { return stdscr; }
static inline FILE *zb_stdout(void) { return stdout; }
static inline FILE *zb_stdin(void) { return stdin; }
static inline int zb_colors(void) { return COLORS; }
static inline int zb_color_pairs(void) { return COLOR_PAIRS; }
static inline int zb_lines(void) { return LINES; }
static inline int zb_cols(void) { return COLS; }
static inline int zb_key_code_yes(void) { return KEY_CODE_YES; }

static inline int zb_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int zb_getmaxx(WINDOW *w) { return getmaxx(w); }

// attr_t bits are macros built from NCURSES_BITS, which Swift does not import.
static inline attr_t zb_a_bold(void) { return A_BOLD; }
static inline attr_t zb_a_dim(void) { return A_DIM; }
static inline attr_t zb_a_underline(void) { return A_UNDERLINE; }
static inline attr_t zb_a_reverse(void) { return A_REVERSE; }
static inline attr_t zb_a_italic(void) { return A_ITALIC; }
static inline attr_t zb_a_standout(void) { return A_STANDOUT; }
static inline attr_t zb_a_normal(void) { return A_NORMAL; }

// The codeset of the current locale ("UTF-8" when Chinese text can be shown).
static inline const char *zb_codeset(void) { return nl_langinfo(CODESET); }

// Whether the terminal named by $TERM can carry the console, asked of terminfo before
// ncurses takes the screen (a dumb terminal would otherwise get lines of text run
// together, an unknown one nothing): 1 it can; 0 it is known and cannot move the
// cursor (dumb, a printing terminal); -1 it is not in the terminfo database (or TERM
// is not set, or there is no database). Nothing is written to the terminal.
#include <ncursesw/term.h>
static inline int zb_terminal_can_address(void) {
    int err = 0;
    if (setupterm(NULL, 1, &err) != OK) return err == 1 ? 0 : -1;
    const char *cup = tigetstr("cup");
    int ok = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);
    return ok ? 1 : 0;
}

#endif
