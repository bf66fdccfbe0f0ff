/* Counts the distinct colours in the visible window titled argv[1], to tell a first screen
 * that was drawn (text, buttons, a card: dozens of colours from anti-aliasing alone) from a
 * window that is still blank. Prints the count; exit 0 if the window was found, 1 if not.
 * Build: cc -o window-colours window-colours.c -lX11. */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Window find(Display *d, Window w, const char *title) {
  char *name = NULL;
  if (XFetchName(d, w, &name) && name) {
    int same = strcmp(name, title) == 0;
    XFree(name);
    XWindowAttributes a;
    if (same && XGetWindowAttributes(d, w, &a) && a.map_state == IsViewable) return w;
  }
  Window root, parent, *kids = NULL, found = 0;
  unsigned int n = 0;
  if (XQueryTree(d, w, &root, &parent, &kids, &n)) {
    for (unsigned int i = 0; i < n && !found; i++) found = find(d, kids[i], title);
    if (kids) XFree(kids);
  }
  return found;
}

static int cmp(const void *a, const void *b) {
  unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  Display *d = XOpenDisplay(NULL);
  if (!d) return 2;
  Window w = find(d, DefaultRootWindow(d), argv[1]);
  if (!w) return 1;
  XWindowAttributes a;
  XGetWindowAttributes(d, w, &a);
  XImage *img = XGetImage(d, w, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
  if (!img) return 1;
  size_t total = (size_t)a.width * a.height, k = 0;
  unsigned long *px = malloc(total * sizeof *px);
  for (int y = 0; y < a.height; y++)
    for (int x = 0; x < a.width; x++) px[k++] = XGetPixel(img, x, y) & 0xffffff;
  qsort(px, total, sizeof *px, cmp);
  size_t distinct = total ? 1 : 0;
  for (size_t i = 1; i < total; i++) distinct += px[i] != px[i - 1];
  printf("%zu\n", distinct);
  return 0;
}
