import { describe, expect, it } from 'vitest';

import { buildHeapLimitMb, withHeapLimit } from '../src/siteBuild';

const megabytes = 1024 * 1024;

describe('the build’s heap limit', () => {
  it('grows with the fiches to build, fifteen times fiches.json, never under 1 GB', () => {
    expect(buildHeapLimitMb(0)).toBe(1024);
    expect(buildHeapLimitMb(30 * megabytes)).toBe(1024);
    // 1,000 fiches in 8 languages: 71 MB of JSON as the export writes it (no indentation).
    expect(buildHeapLimitMb(71 * megabytes)).toBe(1088);
    expect(buildHeapLimitMb(142 * megabytes)).toBe(2176);
  });

  it('is added to NODE_OPTIONS, and never replaces a limit the operator set', () => {
    expect(withHeapLimit(undefined, 1088)).toBe('--max-old-space-size=1088');
    expect(withHeapLimit(' --enable-source-maps ', 1088)).toBe('--enable-source-maps --max-old-space-size=1088');
    expect(withHeapLimit('--max-old-space-size=3000', 1088)).toBe('--max-old-space-size=3000');
  });
});
