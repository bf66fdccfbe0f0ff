// The screens not needed at start, in a script of their own that the app loads when one of
// them is first opened (App.svelte's `go`): less script to parse and run before the first
// screen. Today, Get help, Craving now and the lock stay in start.ts's script, so they never
// wait on a load.
export { default as Trends } from './components/Trends.svelte';
export { default as ClinicianReport } from './components/ClinicianReport.svelte';
export { default as Reminders } from './components/Reminders.svelte';
export { default as Taper } from './components/Taper.svelte';
export { default as RecoveryPlan } from './components/RecoveryPlan.svelte';
export { default as YourData } from './components/YourData.svelte';
export { default as Checkups } from './components/Checkups.svelte';
export { default as Guides } from './components/Guides.svelte';
