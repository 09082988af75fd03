/** The plot's own box brush (src/plots/boxBrush.ts): plotly's rules for the box, and the box in data units. */
import { BoxBrush, dataRanges, dragBox, IPlotlyAxis } from '../plots/boxBrush';

/** An axis of `length` pixels over [lo, hi] (y axes run downwards on screen, as plotly's). */
function axis(lo: number, hi: number, length: number, down = false) {
  const p2d = (px: number) =>
    down ? hi - (px / length) * (hi - lo) : lo + (px / length) * (hi - lo);
  const p: IPlotlyAxis = { p2d };
  return p;
}

describe('dragBox', () => {
  it('is the dragged rectangle, clamped to the plot area', () => {
    expect(dragBox(50, 40, 20, 90, 100, 80)).toEqual({
      xmin: 20,
      xmax: 50,
      ymin: 40,
      ymax: 80
    });
  });

  it('is a click (no box) within 8 pixels', () => {
    expect(dragBox(10, 10, 15, 14, 100, 100)).toBeNull();
  });

  it('selects a full band for a thin drag, as plotly does', () => {
    // nearly horizontal: every y
    expect(dragBox(10, 50, 60, 55, 100, 100)).toEqual({
      xmin: 10,
      xmax: 60,
      ymin: 0,
      ymax: 100
    });
    // nearly vertical: every x
    expect(dragBox(50, 10, 53, 70, 100, 100)).toEqual({
      xmin: 0,
      xmax: 100,
      ymin: 10,
      ymax: 70
    });
    // a histogram's brush ('h'): always the full height
    expect(dragBox(10, 10, 60, 70, 100, 100, 'h')).toEqual({
      xmin: 10,
      xmax: 60,
      ymin: 0,
      ymax: 100
    });
  });
});

describe('dataRanges', () => {
  it('turns the pixel box into ascending data ranges (y axis upside down)', () => {
    const x = axis(0, 10, 100);
    const y = axis(-5, 5, 100, true);
    expect(
      dataRanges({ xmin: 20, xmax: 50, ymin: 10, ymax: 30 }, x, y)
    ).toEqual({ x: [2, 5], y: [2, 4] });
  });
});

describe('BoxBrush', () => {
  it('hands the box over at the release, before plotly sees the press', () => {
    const chart = document.createElement('div');
    const area = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    area.setAttribute('class', 'nsewdrag drag');
    chart.append(area);
    document.body.append(chart);
    Object.assign(chart, {
      _fullLayout: {
        dragmode: 'select',
        selectdirection: 'any',
        xaxis: axis(0, 100, 200),
        yaxis: axis(0, 100, 100, true)
      }
    });
    area.getBoundingClientRect = () =>
      ({ left: 10, top: 20, width: 200, height: 100 }) as DOMRect;
    const boxes: Array<{ x: number[]; y: number[] }> = [];
    let cleared = 0;
    let plotlySaw = 0;
    area.addEventListener('mousedown', () => plotlySaw++);
    const brush = new BoxBrush(
      chart,
      range => boxes.push(range),
      () => cleared++
    );
    const at = (type: string, x: number, y: number, target: EventTarget) =>
      target.dispatchEvent(
        new MouseEvent(type, {
          clientX: x,
          clientY: y,
          button: 0,
          bubbles: true
        })
      );
    at('mousedown', 30, 30, area); // (20, 10) in the area
    at('mousemove', 80, 60, window);
    at('mouseup', 110, 70, window); // (100, 50)
    expect(plotlySaw).toBe(0);
    expect(boxes).toEqual([{ x: [10, 50], y: [50, 90] }]);
    expect(chart.querySelector('.jp-escape-Plot-box')).not.toBeNull();

    // another tool (zoom): plotly's press
    (
      chart as unknown as { _fullLayout: { dragmode: string } }
    )._fullLayout.dragmode = 'zoom';
    at('mousedown', 30, 30, area);
    expect(plotlySaw).toBe(1);
    (
      chart as unknown as { _fullLayout: { dragmode: string } }
    )._fullLayout.dragmode = 'select';
    at('dblclick', 30, 30, area);
    expect(cleared).toBe(1);
    brush.dispose();
    chart.remove();
  });
});
