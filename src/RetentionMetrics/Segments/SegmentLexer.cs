using System.Globalization;
using NodaTime.Text;

namespace RetentionMetrics.Segments;

internal enum TokenKind
{
    End,
    Identifier,
    QuotedName,
    Number,
    String,
    Date,
    Instant,
    LeftParen,
    RightParen,
    Comma,
    Dot,
    Colon,
    Minus,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>A token: its kind, where it starts, its source text and its value for literals.</summary>
internal readonly record struct Token(TokenKind Kind, int Offset, int Length, int Line, int Column, string Text, SegmentValue Value, bool IsMoney)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Splits rule text into tokens on demand; every problem becomes a positioned <see cref="SegmentParseException"/>.</summary>
/// <remarks>Linear in the text; no recursion. Comments run from <c>--</c> to the end of the line.</remarks>
internal sealed class SegmentLexer
{
    private readonly string source;
    private readonly int end;
    private int position;
    private int line;
    private int lineStart;

    public SegmentLexer(string source, int start, int end, int line, int lineStart)
    {
        this.source = source;
        position = start;
        this.end = end;
        this.line = line;
        this.lineStart = lineStart;
    }

    public string Source => source;

    public Token Next()
    {
        SkipTrivia();
        var start = position;
        var column = start - lineStart + 1;
        if (position >= end)
        {
            return new Token(TokenKind.End, end, 0, line, column, string.Empty, default, false);
        }

        var c = source[position];
        Token Simple(TokenKind kind, int length)
        {
            position += length;
            return new Token(kind, start, length, line, column, source.Substring(start, length), default, false);
        }

        switch (c)
        {
            case '(':
                return Simple(TokenKind.LeftParen, 1);
            case ')':
                return Simple(TokenKind.RightParen, 1);
            case ',':
                return Simple(TokenKind.Comma, 1);
            case '.' when !(position + 1 < end && char.IsAsciiDigit(source[position + 1])):
                return Simple(TokenKind.Dot, 1);
            case ':':
                return Simple(TokenKind.Colon, 1);
            case '-':
                return Simple(TokenKind.Minus, 1);
            case '=':
                return Simple(TokenKind.Equal, position + 1 < end && source[position + 1] == '=' ? 2 : 1);
            case '!' when position + 1 < end && source[position + 1] == '=':
                return Simple(TokenKind.NotEqual, 2);
            case '<' when position + 1 < end && source[position + 1] == '>':
                return Simple(TokenKind.NotEqual, 2);
            case '<':
                return position + 1 < end && source[position + 1] == '=' ? Simple(TokenKind.LessOrEqual, 2) : Simple(TokenKind.Less, 1);
            case '>':
                return position + 1 < end && source[position + 1] == '=' ? Simple(TokenKind.GreaterOrEqual, 2) : Simple(TokenKind.Greater, 1);
            case '\'' or '"':
                return ReadString(c, start, column);
            case '`':
                return ReadQuotedName(start, column);
            case '$':
                return ReadNumber(start, column, money: true);
        }

        if (char.IsAsciiDigit(c) || c == '.')
        {
            return IsDateAhead() ? ReadTime(start, column) : ReadNumber(start, column, money: false);
        }

        if (IsIdentifierStart(c))
        {
            while (position < end && IsIdentifierPart(source[position]))
            {
                position++;
            }

            return new Token(TokenKind.Identifier, start, position - start, line, column, source[start..position], default, false);
        }

        throw Error(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.UnexpectedCharacter, ShowCharacter(c)), start, column, []);
    }

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || (c > 127 && char.IsLetter(c));

    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || (c > 127 && char.IsLetterOrDigit(c));

    public static string ShowCharacter(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : $"`{c}`";

    private SegmentParseException Error(string reason, int offset, int column, IReadOnlyList<string> expected) =>
        new(reason, source, offset, line, column, expected, null, false);

    private void SkipTrivia()
    {
        while (position < end)
        {
            var c = source[position];
            if (c == '\n')
            {
                position++;
                line++;
                lineStart = position;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                position++;
            }
            else if (c == '-' && position + 1 < end && source[position + 1] == '-')
            {
                while (position < end && source[position] != '\n')
                {
                    position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool IsDateAhead()
    {
        var digits = 0;
        while (position + digits < end && char.IsAsciiDigit(source[position + digits]))
        {
            digits++;
        }

        return digits == 4 && position + 5 < end && source[position + 4] == '-' && char.IsAsciiDigit(source[position + 5]);
    }

    private Token ReadTime(int start, int column)
    {
        while (position < end && (char.IsAsciiLetterOrDigit(source[position]) || source[position] is '-' or ':' or '.' or '+'))
        {
            position++;
        }

        var text = source[start..position];
        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success)
        {
            return new Token(TokenKind.Date, start, text.Length, line, column, text, SegmentValue.FromDate(date.Value), false);
        }

        var instant = InstantPattern.ExtendedIso.Parse(text);
        if (instant.Success)
        {
            return new Token(TokenKind.Instant, start, text.Length, line, column, text, SegmentValue.FromInstant(instant.Value), false);
        }

        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (withOffset.Success)
        {
            return new Token(TokenKind.Instant, start, text.Length, line, column, text, SegmentValue.FromInstant(withOffset.Value.ToInstant()), false);
        }

        throw Error(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.InvalidDate, Show(text)), start, column, [SegmentErrorMessages.ExpectedDate]);
    }

    private Token ReadNumber(int start, int column, bool money)
    {
        if (money)
        {
            position++;
        }

        var digitsStart = position;
        while (position < end && char.IsAsciiDigit(source[position]))
        {
            position++;
        }

        if (position < end && source[position] == '.' && position + 1 < end && char.IsAsciiDigit(source[position + 1]))
        {
            position++;
            while (position < end && char.IsAsciiDigit(source[position]))
            {
                position++;
            }
        }

        if (position < end && source[position] is 'e' or 'E'
            && position + 1 < end && (char.IsAsciiDigit(source[position + 1]) || (source[position + 1] is '+' or '-' && position + 2 < end && char.IsAsciiDigit(source[position + 2]))))
        {
            position += 2;
            while (position < end && char.IsAsciiDigit(source[position]))
            {
                position++;
            }
        }

        var text = source[start..position];
        if (position == digitsStart)
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.UnexpectedToken, ShowCharacter(source[start]), SegmentErrorMessages.ExpectedValue), start, column, [SegmentErrorMessages.ExpectedValue]);
        }

        if (position < end && IsIdentifierStart(source[position]))
        {
            // "12abc": a number glued to a name is one bad token, reported as a whole.
            var badEnd = position;
            while (badEnd < end && IsIdentifierPart(source[badEnd]))
            {
                badEnd++;
            }

            throw Error(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.UnexpectedToken, Show(source[start..badEnd]), SegmentErrorMessages.ExpectedValue), start, column, [SegmentErrorMessages.ExpectedValue]);
        }

        var digits = source.AsSpan(digitsStart, position - digitsStart);
        if (digits.Length > 400 || !decimal.TryParse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.NumberOutOfRange, Show(text)), start, column, []);
        }

        return new Token(TokenKind.Number, start, text.Length, line, column, text, SegmentValue.FromNumber(value), money);
    }

    private Token ReadString(char quote, int start, int column)
    {
        position++;
        var builder = new System.Text.StringBuilder();
        while (true)
        {
            if (position >= end || source[position] == '\n')
            {
                throw Error(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.UnterminatedString, quote), start, column, [quote.ToString()]);
            }

            var c = source[position];
            if (c == quote)
            {
                position++;
                break;
            }

            if (c == '\\')
            {
                if (position + 1 >= end)
                {
                    throw Error(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.UnterminatedString, quote), start, column, [quote.ToString()]);
                }

                var escape = source[position + 1];
                switch (escape)
                {
                    case '\\' or '\'' or '"':
                        builder.Append(escape);
                        position += 2;
                        continue;
                    case 'n':
                        builder.Append('\n');
                        position += 2;
                        continue;
                    case 'r':
                        builder.Append('\r');
                        position += 2;
                        continue;
                    case 't':
                        builder.Append('\t');
                        position += 2;
                        continue;
                    case 'u' when position + 5 < end
                        && ushort.TryParse(source.AsSpan(position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                        builder.Append((char)code);
                        position += 6;
                        continue;
                    default:
                        var escapeText = escape is '\n' or '\r' ? "\\" : "\\" + escape;
                        throw Error(string.Format(CultureInfo.InvariantCulture, SegmentErrorMessages.InvalidEscape, Show(escapeText)), position, position - lineStart + 1, []);
                }
            }

            builder.Append(c);
            position++;
        }

        var text = source[start..position];
        return new Token(TokenKind.String, start, text.Length, line, column, text, SegmentValue.FromString(builder.ToString()), false);
    }

    private Token ReadQuotedName(int start, int column)
    {
        position++;
        var builder = new System.Text.StringBuilder();
        while (true)
        {
            if (position >= end || source[position] == '\n')
            {
                throw Error(SegmentErrorMessages.UnterminatedName, start, column, ["`"]);
            }

            var c = source[position];
            if (c == '`')
            {
                if (position + 1 < end && source[position + 1] == '`')
                {
                    builder.Append('`');
                    position += 2;
                    continue;
                }

                position++;
                break;
            }

            builder.Append(c);
            position++;
        }

        return new Token(TokenKind.QuotedName, start, position - start, line, column, builder.ToString(), default, false);
    }

    /// <summary>Shows source text in backticks, shortened and with control characters replaced, for a message.</summary>
    public static string Show(string text)
    {
        var shown = text.Length > 30 ? text[..27] + "..." : text;
        var chars = shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c).ToArray();
        return "`" + new string(chars) + "`";
    }
}
