// The app's screens, in the navigation's order: the one table the navigation and the lazy
// loading follow. A screen marked `later` is in later.ts's script, loaded the first time one
// of them is opened, so the first screen's script stays small.
export const SCREENS = [
  { id: 'today', label: 'Today', later: false },
  { id: 'plan', label: 'Plan', later: true },
  { id: 'tools', label: 'Tools', later: true },
  { id: 'history', label: 'History', later: false },
  { id: 'trends', label: 'Trends', later: true },
  { id: 'reminders', label: 'Reminders', later: true },
  { id: 'data', label: 'Your data', later: true },
  { id: 'help', label: 'Get help', later: false },
] as const;

/** A screen of the navigation, or Craving now (its own button, on every screen). */
export type Screen = (typeof SCREENS)[number]['id'] | 'craving';

/** Whether `screen`'s parts are in later.ts's script. */
export function loadsLater(screen: Screen): boolean {
  return SCREENS.some((s) => s.id === screen && s.later);
}

/** The script of the screens that load later, fetched once. */
export const loadLater = () => import('../later');
