using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Serialization;
using RetentionMetrics.Tests.Lifetime;

namespace RetentionMetrics.Tests.Serialization;

/// <summary>
/// <see cref="RepeatPurchaseData"/>, <see cref="CalibrationHoldoutSplit"/>, <see cref="HoldoutComparison"/> and the
/// small lifetime records (<see cref="RepeatPurchaseSummary"/>, <see cref="HoldoutPrediction"/>,
/// <see cref="HoldoutFrequencyGroup"/>, <see cref="AverageLifetimeValue"/>).
/// </summary>
public class HoldoutJsonTests
{
    private static readonly Arbitrary<RepeatPurchaseSummary[]> Rows = Arb.From(
        (from id in Gen.Choose(0, 1000)
         from frequency in Gen.Choose(0, 30)
         from t in Gen.Choose(0, 500)
         from recencyShare in Gen.Choose(0, 7)
         from monetary in Gen.Choose(0, 100_000)
         from weight in Gen.Choose(1, 5)
         select new RepeatPurchaseSummary($"c{id}", frequency, t * recencyShare / 7d, t, monetary / 100d, weight / 3d)).NonEmptyListOf().Select(list => list.ToArray()));

    private static readonly Lazy<CalibrationHoldoutSplit> Cdnow = new(() =>
        CalibrationHoldoutSplit.Create(CdnowOrders.Summaries(CdnowOrders.CalibrationEnd), CdnowOrders.Summaries(CdnowOrders.HoldoutEnd), 7));

    [Property(MaxTest = 100)]
    public Property RepeatPurchaseData_RoundTrip_GivesTheSameRows() =>
        Prop.ForAll(Rows, rows =>
        {
            var data = RepeatPurchaseData.Create(rows);
            var restored = StateJsonAssert.RoundTrip(data, out var sameJson);
            return sameJson && restored.SequenceEqual(data) && restored.TotalWeight.Equals(data.TotalWeight);
        });

    [Property(MaxTest = 100)]
    public Property RepeatPurchaseSummary_RoundTrip_GivesAnEqualRecord() =>
        Prop.ForAll(Rows, rows => rows.All(row => StateJsonAssert.RoundTrip(row, out var sameJson) == row && sameJson));

    [Fact]
    public void CalibrationHoldoutSplit_Cdnow_RoundTripsWithThePublishedCounts()
    {
        // Data/cdnow/README.md: 2,357 customers; 1,882 customer-days by 684 customers in the 39-week hold-out.
        var restored = StateJsonAssert.RoundTrip(Cdnow.Value, out var sameJson);

        Assert.True(sameJson);
        Assert.Equal(2357, restored.Calibration.Count);
        Assert.Equal(1882, restored.HoldoutPurchases.Sum());
        Assert.Equal(684, restored.HoldoutPurchases.Count(p => p > 0));
        Assert.Equal(39, restored.HoldoutLength, 12);
        Assert.Equal(Cdnow.Value.Calibration, restored.Calibration);
        Assert.Equal(Cdnow.Value.HoldoutPurchases, restored.HoldoutPurchases);
    }

    [Fact]
    public void HoldoutComparison_BgNbdOnCdnow_RoundTripsToEqualRowsAndErrors()
    {
        var split = Cdnow.Value;
        var model = BetaGeometricNbdModel.Fit(split.Calibration);
        Assert.NotNull(model);
        var comparison = split.Compare(model);

        var restored = StateJsonAssert.RoundTrip(comparison, out var sameJson);

        Assert.True(sameJson);
        Assert.Equal(1882, restored.TotalActual);
        Assert.Equal(comparison.Customers, restored.Customers);
        Assert.Equal(comparison.ByFrequency, restored.ByFrequency);
        Assert.Equal(comparison.MeanAbsoluteError, restored.MeanAbsoluteError);
        Assert.Equal(comparison.RootMeanSquaredError, restored.RootMeanSquaredError);
        Assert.Equal(comparison.TotalPredicted, restored.TotalPredicted);
        // The restored split compares exactly as the original does.
        Assert.Equal(comparison.Customers, StateJsonAssert.Restore(split).Compare(model).Customers);
    }

    [Fact]
    public void AverageLifetimeValue_RoundTrip_GivesAnEqualRecord()
    {
        // 1,000 revenue over 40 purchases by 10 customers: 25 per purchase, 4 purchases each, 3 periods, 30% margin: 25 × 4 × 3 × 0.3 = 90.
        var value = new AverageLifetimeValue(1000m, 40, 10, 25m, 4m, 3m, 0.3m, 90m);

        Assert.Equal(value, StateJsonAssert.RoundTrip(value, out var sameJson));
        Assert.True(sameJson);
    }

    [Fact]
    public void HoldoutPrediction_And_HoldoutFrequencyGroup_RoundTrip()
    {
        var prediction = new HoldoutPrediction("c1", 2, 1.25, 1);
        var group = new HoldoutFrequencyGroup(7, true, 12.5, 3.5, 4);

        Assert.Equal(prediction, StateJsonAssert.Restore(prediction));
        Assert.Equal(group, StateJsonAssert.Restore(group));
    }

    [Fact]
    public void RepeatPurchaseData_RecencyAfterT_NamesTheCustomer()
    {
        const string Json = """{"type":"repeatPurchaseData","version":1,"customers":[{"customerId":"a","frequency":1,"recency":2,"t":3,"monetaryValue":0,"weight":1},{"customerId":"b","frequency":1,"recency":5,"t":3,"monetaryValue":0,"weight":1}]}""";

        StateJsonAssert.RejectsAt<RepeatPurchaseData>(Json, "$.customers[1]");
    }

    [Fact]
    public void CalibrationHoldoutSplit_CountsForTooFewCustomers_NamesThePath()
    {
        const string Json = """{"type":"calibrationHoldoutSplit","version":1,"calibration":{"type":"repeatPurchaseData","version":1,"customers":[{"customerId":"a","frequency":1,"recency":2,"t":3,"monetaryValue":0,"weight":1}]},"holdoutPurchases":[1,2],"holdoutLength":39}""";

        StateJsonAssert.Rejects<CalibrationHoldoutSplit>(Json, "$.holdoutPurchases", SerializationErrorMessages.Format(SerializationErrorMessages.Inconsistent, "one hold-out count per calibration customer"));
    }

    [Fact]
    public void HoldoutComparison_NegativePrediction_NamesThePath()
    {
        const string Json = """{"type":"holdoutComparison","version":1,"customers":[{"customerId":"a","calibrationFrequency":1,"predicted":-0.5,"actual":0}],"byFrequency":[],"meanAbsoluteError":0.5,"rootMeanSquaredError":0.5,"totalPredicted":0,"totalActual":0}""";

        StateJsonAssert.RejectsAt<HoldoutComparison>(Json, "$.customers[0].predicted");
    }
}
