import { describe, expect, it } from '@jest/globals';
import { csvCell, toCsv } from './csv.js';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+7 700', "'+7 700"],
    ['-cmd', "'-cmd"],
    ['@import', "'@import"],
    ['=1,2', `"'=1,2"`],
    ['-1.2345', '-1.2345'],
    ['47.6393', '47.6393'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes null and undefined as empty cells, numbers as they are', () => {
    expect([csvCell(null), csvCell(undefined), csvCell(3)]).toEqual(['', '', '3']);
  });
});

describe('toCsv', () => {
  it('joins a header and rows with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', 'x,y'],
          [null, '=2'],
        ],
      ),
    ).toBe(`a,b\r\n1,"x,y"\r\n,'=2\r\n`);
  });
});
