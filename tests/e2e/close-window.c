/* Asks every top-level window titled argv[1] to close, exactly as a window manager does when
 * a person clicks its close button: a WM_PROTOCOLS / WM_DELETE_WINDOW client message. The
 * end-to-end tests run without a window manager, and WebDriver's "close window" tears the web
 * view down instead of asking, so this is the honest way to press ×.
 * Build: cc -o close-window close-window.c -lX11. Exit 0 if a window was asked, 1 if none. */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <string.h>

static int ask(Display *d, Window w, const char *title, Atom protocols, Atom del) {
  int asked = 0;
  char *name = NULL;
  if (XFetchName(d, w, &name) && name) {
    if (strcmp(name, title) == 0) {
      XEvent ev;
      memset(&ev, 0, sizeof ev);
      ev.xclient.type = ClientMessage;
      ev.xclient.window = w;
      ev.xclient.message_type = protocols;
      ev.xclient.format = 32;
      ev.xclient.data.l[0] = (long)del;
      ev.xclient.data.l[1] = CurrentTime;
      XSendEvent(d, w, False, NoEventMask, &ev);
      asked = 1;
    }
    XFree(name);
  }
  Window root, parent, *kids = NULL;
  unsigned int n = 0;
  if (XQueryTree(d, w, &root, &parent, &kids, &n)) {
    for (unsigned int i = 0; i < n; i++) asked |= ask(d, kids[i], title, protocols, del);
    if (kids) XFree(kids);
  }
  return asked;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: close-window TITLE\n");
    return 2;
  }
  Display *d = XOpenDisplay(NULL);
  if (!d) {
    fprintf(stderr, "close-window: cannot open the display\n");
    return 2;
  }
  Atom protocols = XInternAtom(d, "WM_PROTOCOLS", False);
  Atom del = XInternAtom(d, "WM_DELETE_WINDOW", False);
  int asked = ask(d, DefaultRootWindow(d), argv[1], protocols, del);
  XSync(d, False);
  XCloseDisplay(d);
  return asked ? 0 : 1;
}
