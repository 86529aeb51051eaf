import { it } from 'vitest';
import { render } from 'ink-testing-library';
import { HeapPanel } from '../../source/ui/HeapPanel.js';
it('x', () => {
  const heap = { objects: 14, bytes: 1946, peakBytes: 2150, history: [100, 200, 300, 1000, 1946, 1800], types: [
    { type: 'Node', count: 2, bytes: 96, countChange: 2, bytesChange: 96 },
    { type: 'str', count: 10, bytes: 600, countChange: 0, bytesChange: 0 },
    { type: 'function', count: 1, bytes: 144, countChange: -1, bytesChange: -144 },
  ] };
  const r = render(<HeapPanel heap={heap} sort="bytes" selected={0} width={38} height={6} />);
  console.log(r.lastFrame());
  const r2 = render(<HeapPanel heap={heap} sort="type" selected={1} width={60} height={6} />);
  console.log(r2.lastFrame());
});
