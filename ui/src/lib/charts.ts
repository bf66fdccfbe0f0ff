// Charts arrive from the core as SVG text. They are shown as images (no script can run in an
// SVG image, and no markup of ours is parsed from it); the image's alt text is the chart's
// description.
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The chart as PNG bytes, drawn by the web view (which has the fonts) at `scale` times its size. */
export async function svgToPng(svg: string, scale = 2): Promise<number[]> {
  const img = new Image();
  img.src = svgDataUrl(svg);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = 800 * scale;
  canvas.height = 320 * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This window cannot draw pictures.');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The picture could not be made.'))), 'image/png'),
  );
  return Array.from(new Uint8Array(await blob.arrayBuffer()));
}
