#ifndef DOCKET_CNCURSES_SHIM_H
#define DOCKET_CNCURSES_SHIM_H
// The wide-character API must be switched on before curses.h is read.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <ncursesw/curses.h>

// Swift 6 refuses the C globals (not concurrency-safe) and does not import macros: wrap them.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }

// Attributes are macros built with NCURSES_BITS, which Swift does not import.
static inline int cn_attr_bold(void) { return (int)A_BOLD; }
static inline int cn_attr_dim(void) { return (int)A_DIM; }
static inline int cn_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int cn_attr_reverse(void) { return (int)A_REVERSE; }
static inline int cn_attr_italic(void) { return (int)A_ITALIC; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

// Signals. SIGINT, SIGTERM and SIGHUP only set a flag: the review loop sees it (get_wch returns early), releases
// the lease and restores the terminal. A fatal signal (a crash, a Swift trap) restores the terminal at once and
// then dies as it would have, so the user's shell is never left in raw mode.
static inline volatile sig_atomic_t *cn_quit_flag(void) { static volatile sig_atomic_t flag = 0; return &flag; }
static inline int cn_quit_signal(void) { return (int)*cn_quit_flag(); }
static void cn_on_quit_signal(int sig) { *cn_quit_flag() = sig; }
static void cn_on_fatal_signal(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void cn_install_signal_handlers(void) {
    // A parent may have started us with signals blocked (some test runners and process launchers do):
    // unblock the ones handled here, or Ctrl-C and SIGTERM would never arrive.
    sigset_t handled;
    sigemptyset(&handled);
    int all[] = { SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) sigaddset(&handled, all[i]);
    sigprocmask(SIG_UNBLOCK, &handled, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = cn_on_quit_signal;  // no SA_RESTART: the blocking read returns at once
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    action.sa_handler = cn_on_fatal_signal;
    action.sa_flags = SA_RESETHAND;
    int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) sigaction(fatal[i], &action, NULL);
}
#endif
