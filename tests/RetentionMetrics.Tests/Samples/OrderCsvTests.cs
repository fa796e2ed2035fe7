using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;
using RetentionMetrics.Customers;
using RetentionMetrics.Functions;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Samples;

/// <summary>The Functions sample's CSV reader: blobs (streams), request bodies (pipes) and queue messages.</summary>
public class OrderCsvTests
{
    private const string Text = "customer_id,time,amount,channel\r\na,2024-05-01T10:30:00Z,12.50,web\r\nb,2024-05-02,7,shop\r\n\r\na,2024-06-01T00:00:00Z,0.99,web";

    private static readonly Order[] Expected =
    [
        new("a", Instant.FromUtc(2024, 5, 1, 10, 30), 12.50m),
        new("b", Instant.FromUtc(2024, 5, 2, 0, 0), 7m),
        new("a", Instant.FromUtc(2024, 6, 1, 0, 0), 0.99m),
    ];

    [Fact]
    public async Task ReadAsync_Stream_ReadsEveryRowWithInstantsDatesCrlfAndNoFinalNewline()
    {
        using var blob = new MemoryStream(Encoding.UTF8.GetBytes(Text));

        var orders = await OrderCsv.ReadAsync(blob).ToArrayAsync();

        Assert.Equal(Expected, orders);
        Assert.True(blob.CanRead); // the host owns the blob stream; the reader leaves it open
    }

    [Property(MaxTest = 50)]
    public Property ReadAsync_PipeFedInAnyChunks_EqualsTheOrdersWritten() =>
        Prop.ForAll(
            OrderGenerators.Logs,
            Arb.From(Gen.Choose(1, 40)),
            (orders, chunk) =>
            {
                var text = new StringBuilder("customer_id,time,amount\n");
                foreach (var o in orders)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{o.CustomerId},{InstantPattern.ExtendedIso.Format(o.Time)},{o.Amount}\n");
                }

                var read = ReadInChunks(Encoding.UTF8.GetBytes(text.ToString()), chunk).GetAwaiter().GetResult();
                return read.SequenceEqual(orders);
            });

    [Fact]
    public async Task ReadMessagesAsync_OneRowPerMessage_ReadsEachMessage()
    {
        string[] messages = ["a,2024-05-01T10:30:00Z,12.50", "b,2024-05-02,7\n", "a,2024-06-01T00:00:00Z,0.99"];

        var orders = await OrderCsv.ReadMessagesAsync(messages.ToAsyncSequence()).ToArrayAsync();

        Assert.Equal(Expected, orders);
    }

    [Theory]
    [InlineData("", OrderCsv.MissingHeader, null, 1L)]
    [InlineData("customer_id,when,amount\n", "The header has no column 'time'.", null, 1L)]
    [InlineData("customer_id,time,amount\na,2024-05-01,1\nb,2024-05-01\n", "Expected 3 fields, found 2.", "b", 3L)]
    [InlineData("customer_id,time,amount\na,yesterday,1\n", "'yesterday' is not an ISO instant or date.", "a", 2L)]
    [InlineData("customer_id,time,amount\na,2024-05-01,NaN\n", "'NaN' is not an amount.", "a", 2L)]
    public async Task ReadAsync_BadInput_ThrowsRetentionDataExceptionNamingCustomerAndLine(string text, string reason, string? customer, long line)
    {
        using var blob = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var error = await Assert.ThrowsAsync<RetentionDataException>(async () => await OrderCsv.ReadAsync(blob).ToArrayAsync());

        Assert.Equal(reason, error.Reason);
        Assert.Equal(customer, error.Customer);
        Assert.Equal(line, error.Position);
    }

    [Fact]
    public void ErrorMessages_FormatStrings_ProduceTheTextsTheTestsExpect()
    {
        Assert.Equal("The header has no column 'time'.", string.Format(CultureInfo.InvariantCulture, OrderCsv.MissingColumn, "time"));
        Assert.Equal("Expected 3 fields, found 2.", string.Format(CultureInfo.InvariantCulture, OrderCsv.WrongFieldCount, 3, 2));
        Assert.Equal("'x' is not an ISO instant or date.", string.Format(CultureInfo.InvariantCulture, OrderCsv.BadTime, "x"));
        Assert.Equal("'x' is not an amount.", string.Format(CultureInfo.InvariantCulture, OrderCsv.BadAmount, "x"));
    }

    [Fact]
    public async Task ReadAsync_HostCancelsWhileWaitingForData_StopsWithOperationCanceled()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("customer_id,time,amount\na,2024-05-01,1\n"));
        using var host = new CancellationTokenSource();
        var read = new List<Order>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var order in OrderCsv.ReadAsync(pipe.Reader, host.Token))
            {
                read.Add(order);
                await host.CancelAsync(); // the writer never completes: only the token ends the read
            }
        });
        Assert.Single(read);
    }

    [Fact]
    public void ReadAsync_NullInput_ThrowsAtTheCall()
    {
        Assert.Equal("csv", Assert.Throws<ArgumentNullException>(() => OrderCsv.ReadAsync((Stream)null!)).ParamName);
        Assert.Equal("csv", Assert.Throws<ArgumentNullException>(() => OrderCsv.ReadAsync((PipeReader)null!)).ParamName);
        Assert.Equal("messages", Assert.Throws<ArgumentNullException>(() => OrderCsv.ReadMessagesAsync(null!)).ParamName);
    }

    private static async Task<Order[]> ReadInChunks(byte[] bytes, int chunk)
    {
        var pipe = new Pipe();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                await pipe.Writer.WriteAsync(bytes.AsMemory(i, Math.Min(chunk, bytes.Length - i)));
            }

            await pipe.Writer.CompleteAsync();
        });
        var orders = await OrderCsv.ReadAsync(pipe.Reader).ToArrayAsync();
        await writer;
        return orders;
    }
}
