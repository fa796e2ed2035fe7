using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using RetentionMetrics.Customers;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Serialization;

public class CustomerSummaryAccumulatorJsonTests
{
    private static readonly CustomerSummaryOptions[] Settings =
    [
        CustomerSummaryOptions.Default,
        new() { Period = PurchasePeriod.Week, Zone = DateTimeZoneProviders.Tzdb["Europe/London"], AsOf = new LocalDate(2024, 12, 1) },
        new() { Period = PurchasePeriod.Month, Refunds = RefundPolicy.Ignore, MaximumDegreeOfParallelism = 2 },
    ];

    private static Arbitrary<int> SettingsIndex { get; } = Arb.From(Gen.Choose(0, Settings.Length - 1));

    [Fact]
    public void Serialize_WorkedExample_WritesTheDocumentedShape()
    {
        // Customer a buys 10 + 5 on 1 Jan 2024 09:30 and 20 on 11 Jan; b buys 7 on 1 Feb. Day periods, UTC, no as-of.
        // a: 3 transactions, 35 in total, 15 in its first period (1 Jan), periods 1 Jan and 11 Jan.
        var accumulator = new CustomerSummaryAccumulator<string>();
        accumulator.Add("a", Instant.FromUtc(2024, 1, 1, 9, 30), 10m);
        accumulator.Add("a", Instant.FromUtc(2024, 1, 1, 9, 30), 5m);
        accumulator.Add("a", new LocalDate(2024, 1, 11), 20m);
        accumulator.Add("b", new LocalDate(2024, 2, 1), 7m);

        var json = RetentionMetricsJson.Serialize(accumulator);

        Assert.Equal(
            """{"type":"customerSummaryAccumulator","version":1,"options":{"period":"day","zone":"UTC","asOf":null,"refunds":"subtract"},"recordsRead":4,"""
            + """ "recordsAfterAsOf":0,"refundsIgnored":0,"customers":[""".TrimStart()
            + """{"key":"a","transactions":3,"totalSpend":35,"firstPeriodSpend":15,"firstPurchase":"2024-01-01T09:30:00","lastPurchase":"2024-01-11T00:00:00","periods":["2024-01-01","2024-01-11"]},"""
            + """{"key":"b","transactions":1,"totalSpend":7,"firstPeriodSpend":7,"firstPurchase":"2024-02-01T00:00:00","lastPurchase":"2024-02-01T00:00:00","periods":["2024-02-01"]}]}""",
            json);
    }

    [Fact]
    public void Deserialize_HandWrittenWeeklyState_GivesTheSummaries()
    {
        // One customer, long key 42, weekly periods as of Mon 19 Feb 2024 (ISO week 8): weeks starting Mon 1 Jan and
        // Mon 29 Jan → frequency 1, recency 4 weeks, T 7 weeks; monetary = (30 − 10) / 1 = 20.
        const string json = """
            {"type":"customerSummaryAccumulator","version":1,
             "options":{"period":"week","zone":"Europe/Paris","asOf":"2024-02-19","refunds":"subtract"},
             "recordsRead":3,"recordsAfterAsOf":0,"refundsIgnored":0,
             "customers":[{"key":42,"transactions":3,"totalSpend":30,"firstPeriodSpend":10,
               "firstPurchase":"2024-01-03T08:00:00","lastPurchase":"2024-01-31T18:15:00","periods":["2024-01-01","2024-01-29"]}]}
            """;

        var summaries = RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<long>>(json).ToSummaries();

        Assert.Equal("Europe/Paris", summaries.Zone.Id);
        Assert.Equal(new CustomerSummary<long>(42, 3, 30m, new LocalDateTime(2024, 1, 3, 8, 0), new LocalDateTime(2024, 1, 31, 18, 15), 1, 4, 7, 20m), summaries[0]);
    }

    [Property(MaxTest = 200)]
    public Property RoundTrip_AnyState_GivesAnEqualState() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, SettingsIndex, (orders, setting) =>
        {
            var original = Accumulate(orders, Settings[setting]);
            var json = RetentionMetricsJson.Serialize(original);
            var restored = RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<string>>(json);
            return RetentionMetricsJson.Serialize(restored) == json
                && restored.ToSummaries().Equals(original.ToSummaries())
                && restored.Options == original.Options;
        });

    [Property(MaxTest = 200)]
    public Property Merge_RestoredPartWithAnother_EqualsSinglePass() =>
        Prop.ForAll(OrderGenerators.LogsWithRefunds, Arb.From(Gen.Choose(0, 1000)), SettingsIndex, (orders, cut, setting) =>
        {
            var split = orders.Length == 0 ? 0 : cut % (orders.Length + 1);
            var options = Settings[setting];
            var restored = RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<string>>(
                RetentionMetricsJson.SerializeToUtf8Bytes(Accumulate(orders[..split], options)));
            restored.Merge(Accumulate(orders[split..], options));
            return restored.ToSummaries().Equals(Accumulate(orders, options).ToSummaries());
        });

    [Fact]
    public void RoundTrip_LongKeys_KeepsTheKeys()
    {
        var accumulator = new CustomerSummaryAccumulator<long>();
        accumulator.Add(long.MaxValue, new LocalDate(2024, 1, 1), 1m);
        accumulator.Add(-3, new LocalDate(2024, 1, 2), 2m);

        var restored = RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<long>>(RetentionMetricsJson.Serialize(accumulator));

        Assert.Equal(accumulator.ToSummaries(), restored.ToSummaries());
    }

    [Fact]
    public void CreateTypeInfoResolver_GuidKeys_RoundTrips()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(RetentionMetricsJson.CreateTypeInfoResolver<Guid>(), RetentionMetricsJsonContext.Default),
        };
        var accumulator = new CustomerSummaryAccumulator<Guid>();
        accumulator.Add(new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"), new LocalDate(2024, 1, 1), 1m);

        var json = JsonSerializer.Serialize(accumulator, options.GetTypeInfo(typeof(CustomerSummaryAccumulator<Guid>)));
        var restored = (CustomerSummaryAccumulator<Guid>)JsonSerializer.Deserialize(json, options.GetTypeInfo(typeof(CustomerSummaryAccumulator<Guid>)))!;

        Assert.Contains("\"key\":\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"", json, StringComparison.Ordinal);
        Assert.Equal(accumulator.ToSummaries(), restored.ToSummaries());
    }

    public static TheoryData<string, string, string> BadDocuments => new()
    {
        { Replace("\"version\":1", "\"version\":2"), "$.version", SerializationErrorMessages.Format(SerializationErrorMessages.UnsupportedVersion, 1, 2) },
        { Replace("\"type\":\"customerSummaryAccumulator\"", "\"type\":\"cohortAccumulator\""), "$.type", SerializationErrorMessages.Format(SerializationErrorMessages.WrongType, "customerSummaryAccumulator", "cohortAccumulator") },
        { Replace("\"recordsRead\":2,", ""), "$", SerializationErrorMessages.Format(SerializationErrorMessages.MissingProperty, "recordsRead") },
        { Replace("\"transactions\":2", "\"transactions\":-1"), "$.customers[0].transactions", SerializationErrorMessages.Format(SerializationErrorMessages.OutOfRange, 2, int.MaxValue, -1) },
        { Replace("\"refundsIgnored\":0", "\"refundsIgnored\":-4"), "$.refundsIgnored", SerializationErrorMessages.Format(SerializationErrorMessages.NegativeCount, -4) },
        { Replace("\"period\":\"day\"", "\"period\":\"fortnight\""), "$.options.period", SerializationErrorMessages.Format(SerializationErrorMessages.UnknownName, "\"day\", \"week\", \"month\"", "fortnight") },
        { Replace("\"zone\":\"UTC\"", "\"zone\":\"Mars/Olympus\""), "$.options.zone", SerializationErrorMessages.Format(SerializationErrorMessages.UnknownTimeZone, "Mars/Olympus") },
        { Replace("\"2024-01-02\"]", "\"2024-01-01\"]"), "$.customers[0].periods", SerializationErrorMessages.Format(SerializationErrorMessages.NotIncreasing, "distinct purchase periods") },
        { Replace("\"totalSpend\":3", "\"totalSpend\":\"3\""), "$.customers[0].totalSpend", SerializationErrorMessages.Format(SerializationErrorMessages.ExpectedValue, "a decimal number", "\"3\"") },
        { Replace("\"recordsRead\":2", "\"recordsRead\":1"), "$.recordsRead", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "records read must be at least the transactions plus the records left out") },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Deserialize_BadDocument_ThrowsNamingThePath(string json, string path, string problem)
    {
        var error = Assert.Throws<JsonException>(() => RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<string>>(json));

        Assert.Equal(SerializationErrorMessages.Format(SerializationErrorMessages.AtPath, path, problem), error.Message);
    }

    [Fact]
    public void Deserialize_PeriodNotAtItsStart_Throws()
    {
        var json = Replace("\"period\":\"day\"", "\"period\":\"month\"");

        var error = Assert.Throws<JsonException>(() => RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<string>>(json));

        Assert.StartsWith(SerializationErrorMessages.Format(SerializationErrorMessages.AtPath, "$.customers[0].periods[1]", ""), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_DuplicateCustomer_Throws()
    {
        var valid = Valid();
        var customer = valid[(valid.IndexOf("[{", StringComparison.Ordinal) + 1)..^2];
        var json = valid[..^2] + "," + customer + "]}";

        var error = Assert.Throws<JsonException>(() => RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<string>>(json));

        Assert.Equal(SerializationErrorMessages.Format(SerializationErrorMessages.AtPath, "$.customers[1].key", SerializationErrorMessages.Format(SerializationErrorMessages.DuplicateCustomer, "a")), error.Message);
    }

    [Fact]
    public void Deserialize_Null_Throws() =>
        Assert.Throws<JsonException>(() => RetentionMetricsJson.Deserialize<CustomerSummaryAccumulator<string>>("null"));

    private static string Valid()
    {
        var accumulator = new CustomerSummaryAccumulator<string>();
        accumulator.Add("a", new LocalDate(2024, 1, 1), 1m);
        accumulator.Add("a", new LocalDate(2024, 1, 2), 2m);
        return RetentionMetricsJson.Serialize(accumulator);
    }

    private static string Replace(string from, string to)
    {
        var valid = Valid();
        Assert.Contains(from, valid, StringComparison.Ordinal);
        return valid.Replace(from, to, StringComparison.Ordinal);
    }

    private static CustomerSummaryAccumulator<string> Accumulate(IEnumerable<Order> orders, CustomerSummaryOptions options)
    {
        var accumulator = new CustomerSummaryAccumulator<string>(options);
        foreach (var order in orders)
        {
            accumulator.Add(order.CustomerId, order.Time, order.Amount);
        }

        return accumulator;
    }
}
