import { EscapeAPIError } from '../handler';
import { adqlPosition, describeError } from '../vo/errors';

describe('adqlPosition', () => {
  it('reads DaCHS "(line:1, col:10)"', () => {
    const msg =
      "Could not parse your query: Expected end of text, found 'FORM'  (at char 9), (line:1, col:10)";
    expect(adqlPosition(msg, 'SELECT * FORM t')).toEqual({
      line: 1,
      column: 10
    });
  });

  it('turns "at char N" into line and column of the query', () => {
    expect(
      adqlPosition('syntax error at char 12', 'SELECT *\nFROM x y z')
    ).toEqual({
      line: 2,
      column: 4
    });
  });

  it('gives null when the message does not say where', () => {
    expect(adqlPosition('table ivoa.foo does not exist', 'SELECT')).toBeNull();
  });
});

describe('describeError', () => {
  it('keeps the server message verbatim and names the service', () => {
    const e = new EscapeAPIError({
      message: 'Could not parse your query (line:2, col:3)',
      status: 400,
      service: 'TAP http://127.0.0.1:8090/tap',
      url: 'x'
    });
    const view = describeError(e, 'a\nbcd');
    expect(view.message).toBe('Could not parse your query (line:2, col:3)');
    expect(view.service).toBe('TAP http://127.0.0.1:8090/tap');
    expect(view.position).toEqual({ line: 2, column: 3 });
  });
});
