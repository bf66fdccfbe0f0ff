// The same mark the app sets when its first screen can be used: here, the chart decoded and
// painted.
const img = document.getElementById('chart');
img.decode().then(() => requestAnimationFrame(() => performance.mark('first-screen')));
