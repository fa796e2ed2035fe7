using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class CalibrationHoldoutSplitTests
{
    [Fact]
    public void Create_Cdnow_CountsPublishedHoldoutPurchases()
    {
        // Data/cdnow/README.md: 1,882 customer-days by 684 customers fall in the holdout (1997-10-01 .. 1998-06-30),
        // which is 273 days = 39 weeks.
        var split = CalibrationHoldoutSplit.Create(CdnowOrders.Summaries(CdnowOrders.CalibrationEnd), CdnowOrders.Summaries(CdnowOrders.HoldoutEnd), 7);

        Assert.Equal(2357, split.Calibration.Count);
        Assert.Equal(1882, split.HoldoutPurchases.Sum());
        Assert.Equal(684, split.HoldoutPurchases.Count(p => p > 0));
        Assert.Equal(39, split.HoldoutLength, 12);
    }

    [Fact]
    public void Compare_BgNbdOnCdnow_PredictsTheHoldoutTotalClosely()
    {
        var split = CalibrationHoldoutSplit.Create(CdnowOrders.Summaries(CdnowOrders.CalibrationEnd), CdnowOrders.Summaries(CdnowOrders.HoldoutEnd), 7);
        var model = BetaGeometricNbdModel.Fit(split.Calibration);

        var comparison = model is null ? null : split.Compare(model);

        Assert.NotNull(comparison);
        Assert.Equal(1882, comparison.TotalActual);
        // BG/NBD predicts about 1,650 of the 1,882 holdout purchase days of the sample: within 20% in aggregate.
        Assert.InRange(comparison.TotalPredicted / comparison.TotalActual, 0.8, 1.2);
        Assert.Equal(8, comparison.ByFrequency.Count);
        Assert.Equal(2357, comparison.ByFrequency.Sum(g => g.Customers));
        Assert.True(comparison.ByFrequency[^1].AndAbove);
        // Customers who bought more in calibration buy more in the holdout, in the model and in the data.
        Assert.True(comparison.ByFrequency[0].MeanPredicted < comparison.ByFrequency[3].MeanPredicted);
        Assert.True(comparison.ByFrequency[0].MeanActual < comparison.ByFrequency[3].MeanActual);
        Assert.InRange(comparison.MeanAbsoluteError, 0, comparison.RootMeanSquaredError);
        // MAE recomputed independently from the per-customer rows.
        Assert.Equal(comparison.Customers.Average(c => Math.Abs(c.Predicted - c.Actual)), comparison.MeanAbsoluteError, 9);
    }

    [Fact]
    public void Create_HoldoutBeforeCalibration_Throws() =>
        Assert.Throws<ArgumentException>("observed", () =>
            CalibrationHoldoutSplit.Create(CdnowOrders.Summaries(CdnowOrders.HoldoutEnd), CdnowOrders.Summaries(CdnowOrders.CalibrationEnd), 7));
}
