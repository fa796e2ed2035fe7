using System.Text;
using NodaTime;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Tests.Cli;

/// <summary>The order row parser: a row's time text equal to the previous row's reuses its ticks, and errors still name the line.</summary>
public sealed class OrderRowParserTests
{
    [Fact]
    public void Parse_RepeatedAndChangingTimeTexts_TicksOfEachRowsOwnDate()
    {
        var (reader, parser) = Open("customer_id,date,amount\na,2024-03-01,1\nb,2024-03-01,2\nc,2024-03-02,3\nd,2024-03-01,4\ne, 2024-03-01 ,5\n");
        var ticks = new List<long>();
        while (reader.Read())
        {
            parser.Parse(out var t, out _, out _);
            ticks.Add(t);
        }

        // Each row's date, as the calendar turns a date into local ticks: 1, 1, 2, 1 and 1 March 2024.
        var first = PeriodCalendar.LocalTicks(new LocalDate(2024, 3, 1));
        var second = PeriodCalendar.LocalTicks(new LocalDate(2024, 3, 2));
        Assert.Equal([first, first, second, first, first], ticks);
        reader.Dispose();
    }

    [Theory]
    [InlineData("", "''")]
    [InlineData("2024-03-32", "'2024-03-32'")]
    public void Parse_BadTimeAfterAGoodOne_ThrowsAtItsLine(string text, string shown)
    {
        var (reader, parser) = Open($"customer_id,date,amount\na,2024-03-01,1\nb,2024-03-01,2\nc,{text},3\n");
        reader.Read();
        parser.Parse(out _, out _, out _);
        reader.Read();
        parser.Parse(out _, out _, out _);
        reader.Read();

        var error = Assert.Throws<CsvDataException>(() => parser.Parse(out _, out _, out _));

        Assert.Equal((4L, "date", $"{shown} is not a date (expected yyyy-MM-dd or an ISO instant)."), (error.Line, error.Column, error.Reason));
        reader.Dispose();
    }

    private static (CsvReader Reader, OrderRowParser Parser) Open(string text)
    {
        var reader = CsvReader.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), "orders.csv");
        return (reader, new OrderRowParser(reader, "customer_id", "date", "amount", null, DateTimeZone.Utc));
    }
}
