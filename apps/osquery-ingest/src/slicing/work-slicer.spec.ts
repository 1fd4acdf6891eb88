import { WorkSlicer } from './work-slicer';

describe('WorkSlicer', () => {
  it('gives the event loop back once a slice of work is done, and not before', async () => {
    let elapsed = 0;
    const slicer = new WorkSlicer(10, () => elapsed);
    let otherWorkRan = false;
    const otherWork = () => setImmediate(() => (otherWorkRan = true));

    otherWork();
    elapsed = 9;
    await slicer.turn();
    expect(otherWorkRan).toBe(false);

    elapsed = 10;
    await slicer.turn();
    expect(otherWorkRan).toBe(true);

    // A new slice starts after the turn.
    otherWorkRan = false;
    otherWork();
    elapsed = 19;
    await slicer.turn();
    expect(otherWorkRan).toBe(false);
    elapsed = 20;
    await slicer.turn();
    expect(otherWorkRan).toBe(true);
  });
});
