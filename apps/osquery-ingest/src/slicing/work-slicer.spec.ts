import { WorkSlicer } from './work-slicer';

describe('WorkSlicer', () => {
  it('gives the event loop back once a slice of work is done, and not before', async () => {
    const slicer = new WorkSlicer(5);
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    await slicer.turn();
    expect(turns).toBe(0);
    const until = performance.now() + 60;
    while (performance.now() < until) await slicer.turn();
    clearInterval(ticker);
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
