using System.Text;
using NodaTime;
using RetentionMetrics.Cli.Csv;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Tests.Cli;

/// <summary>
/// The hash buckets of the multi-core CSV path: rows held in rounds and added a bucket at a time must give the same
/// summaries as adding them one by one, whatever the bucket count, round size or ids (packed or long).
/// </summary>
public sealed class RadixRowBufferTests
{
    private static readonly LocalDate Start = new(2024, 1, 1);

    [Fact]
    public void AddTo_ManyBucketsShortAndLongIds_EqualsAddingEachRow()
    {
        var rows = Rows(count: 2_000, customers: 150);
        var buffer = new RadixRowBuffer(bits: 4);
        var (interner, accumulator) = (new Utf8KeyInterner(), new CustomerSummaryAccumulator<string>());
        foreach (var row in rows)
        {
            Hold(buffer, accumulator, row);
        }

        buffer.AddTo(interner, accumulator);

        Assert.Equal(0, buffer.Held);
        Assert.Equal(Direct(rows), accumulator.ToSummaries());
        buffer.Return();
    }

    [Fact]
    public void Add_MoreRowsThanABucketHolds_KeepsEveryRow()
    {
        // One bucket with room for 4 × 9/8 + 64 = 68 rows: the other 932 spill over.
        var rows = Rows(count: 1_000, customers: 40);
        var buffer = new RadixRowBuffer(bits: 0, roundRows: 4);
        var (interner, accumulator) = (new Utf8KeyInterner(), new CustomerSummaryAccumulator<string>());
        foreach (var row in rows)
        {
            Hold(buffer, accumulator, row);
        }

        Assert.Equal(1_000, buffer.Held);
        Assert.True(buffer.IsFull);

        buffer.AddTo(interner, accumulator);

        Assert.Equal(Direct(rows), accumulator.ToSummaries());
        buffer.Return();
    }

    [Fact]
    public void AddTo_RowsHeldDuringAPause_AddedInThisRoundOrKeptForTheNext()
    {
        // 32 buckets: the pause comes after buckets 0–15 and after 16–31. Rows held during the first pause whose
        // bucket (the top five hash bits) is 16 or more are added in this round; the others wait for the next.
        var first = Rows(count: 600, customers: 80);
        var late = Rows(count: 300, customers: 120, seed: 7);
        var buffer = new RadixRowBuffer(bits: 5);
        var (interner, accumulator) = (new Utf8KeyInterner(), new CustomerSummaryAccumulator<string>());
        foreach (var row in first)
        {
            Hold(buffer, accumulator, row);
        }

        var pauses = 0;
        buffer.AddTo(interner, accumulator, () =>
        {
            if (pauses++ == 0)
            {
                Assert.False(buffer.IsFull, "a round being added is never full");
                foreach (var row in late)
                {
                    Hold(buffer, accumulator, row);
                }
            }
        });
        var waiting = late.Count(r => Utf8KeyInterner.Hash(Encoding.UTF8.GetBytes(r.Id)) >> 59 < 16);
        var heldAfterFirstRound = buffer.Held;
        buffer.AddTo(interner, accumulator);

        Assert.Equal(2, pauses);
        Assert.InRange(waiting, 1, late.Length - 1);
        Assert.Equal(waiting, heldAfterFirstRound);
        Assert.Equal(Direct([.. first, .. late]), accumulator.ToSummaries());
        buffer.Return();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(17)]
    public void Constructor_BitsOutOfRange_Throws(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RadixRowBuffer(bits));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2_048, 0)]
    [InlineData(2_049, 1)]
    [InlineData(500_000, 8)] // 500,000 / 2^8 ≈ 1,953 ≤ 2,048 < 500,000 / 2^7
    [InlineData(int.MaxValue, 10)]
    public void BitsFor_ExpectedCustomers_AboutTwoThousandCustomersABucketAtMostTenBits(int customers, int bits) =>
        Assert.Equal(bits, RadixRowBuffer.BitsFor(customers));

    /// <summary>A row: id (every fifth one longer than eight bytes), day and amount in cents.</summary>
    private sealed record Row(string Id, int Day, int Cents);

    private static Row[] Rows(int count, int customers, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var customer = random.Next(customers);
            var id = customer % 5 == 0 ? $"long-customer-{customer}" : $"c{customer}";
            return new Row(id, random.Next(0, 400), random.Next(-2_000, 50_000));
        }).ToArray();
    }

    /// <summary>Counts the row on the accumulator, as the reading thread does, and holds it.</summary>
    private static void Hold(RadixRowBuffer buffer, CustomerSummaryAccumulator<string> accumulator, Row row)
    {
        var id = Encoding.UTF8.GetBytes(row.Id);
        var key = id.Length <= 8 ? Utf8KeyInterner.Pack(id) : 0;
        var ticks = PeriodCalendar.LocalTicks(Start.PlusDays(row.Day));
        Assert.True(accumulator.Admit(string.Empty, ticks, row.Cents / 100m, 0));
        buffer.Add(key, id, id.Length, Utf8KeyInterner.Hash(id), ticks, row.Cents / 100m);
    }

    private static CustomerSummaries<string> Direct(IEnumerable<Row> rows)
    {
        var accumulator = new CustomerSummaryAccumulator<string>();
        foreach (var row in rows)
        {
            accumulator.Add(row.Id, Start.PlusDays(row.Day), row.Cents / 100m);
        }

        return accumulator.ToSummaries();
    }
}
