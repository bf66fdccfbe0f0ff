// The screens not needed at start, in a script of their own that the app loads when one of
// them is first opened (App.svelte's `go`): less script to parse and run before the first
// screen. Today, Get help, Craving now and the lock stay in start.ts's script, so they never
// wait on a load.
export { default as Trends } from './screens/trends/Trends.svelte';
export { default as ClinicianReport } from './screens/trends/ClinicianReport.svelte';
export { default as Reminders } from './screens/reminders/Reminders.svelte';
export { default as Taper } from './screens/plan/Taper.svelte';
export { default as RecoveryPlan } from './screens/plan/RecoveryPlan.svelte';
export { default as YourData } from './screens/data/YourData.svelte';
export { default as Checkups } from './screens/tools/Checkups.svelte';
export { default as Guides } from './screens/tools/Guides.svelte';
