import { describe, expect, it } from 'vitest';
import { FramePacer } from '../../source/session/pacer.js';

describe('FramePacer', () => {
  it('keeps the base interval while frames are cheap', () => {
    const p = new FramePacer();
    p.add(1);
    p.frameDone();
    expect(p.interval(33)).toBe(33);
  });

  it('spaces frames out when they get expensive, up to a limit', () => {
    const p = new FramePacer();
    p.add(20);
    p.add(10);
    p.frameDone();
    expect(p.interval(33)).toBe(120);
    for (let i = 0; i < 20; i++) {
      p.add(1000);
      p.frameDone();
    }
    expect(p.interval(33)).toBe(400);
  });
});
