using System.Buffers.Text;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Cli.Csv;

namespace RetentionMetrics.Tests.Cli;

public class FieldParsersTests
{
    [Theory]
    [InlineData("29.04", "29.04")]
    [InlineData("1.50", "1.50")]
    [InlineData("-3", "-3")]
    [InlineData("007.500", "7.500")]
    [InlineData("999999999999999999", "999999999999999999")]
    public void TryParseDecimal_PlainAmounts_KeepTheWrittenScale(string text, string expected)
    {
        Assert.True(FieldParsers.TryParseDecimal(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1234567890123456789.5", "1234567890123456789.5")]
    [InlineData(" 12.5 ", "12.5")]
    public void TryParseDecimal_OtherShapes_FallBackToTheGeneralParser(string text, string expected)
    {
        Assert.True(FieldParsers.TryParseDecimal(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(decimal.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("NaN")]
    public void TryParseDecimal_NotANumber_ReturnsFalse(string text) =>
        Assert.False(FieldParsers.TryParseDecimal(Encoding.UTF8.GetBytes(text), out _));

    [Property(MaxTest = 500)]
    public Property TryParsePlainDecimal_AnyPlainText_AgreesWithUtf8ParserInValueAndScale()
    {
        var text =
            from negative in Gen.Elements(true, false)
            from whole in Gen.Choose(0, 99_999_999)
            from places in Gen.Choose(0, 8)
            from fraction in Gen.Choose(0, 99_999_999)
            from zeros in Gen.Choose(0, 3)
            let fractionText = places == 0 ? string.Empty : "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(8, '0')[..places]
            select (negative ? "-" : string.Empty) + new string('0', zeros) + whole.ToString(CultureInfo.InvariantCulture) + fractionText;
        return Prop.ForAll(Arb.From(text), s =>
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            var fast = FieldParsers.TryParsePlainDecimal(bytes, out var value);
            var general = Utf8Parser.TryParse(bytes, out decimal expected, out var consumed) && consumed == bytes.Length;

            // The plain reader may decline (zero, too many digits); when it answers, it must answer exactly.
            return !fast || (general && value == expected
                && value.ToString(CultureInfo.InvariantCulture) == expected.ToString(CultureInfo.InvariantCulture));
        });
    }
}
