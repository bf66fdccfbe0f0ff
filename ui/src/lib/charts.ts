// Charts arrive from the core as SVG text. They are shown as images (no script can run in an
// SVG image, and no markup of ours is parsed from it); the image's alt text is the chart's
// description.
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
