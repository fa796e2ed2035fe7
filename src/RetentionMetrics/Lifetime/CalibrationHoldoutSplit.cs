using RetentionMetrics.Customers;

namespace RetentionMetrics.Lifetime;

/// <summary>
/// A purchase log split at a date: the calibration summaries a model is fitted on, and each calibration customer's
/// repeat purchases in the holdout that follows, to compare predictions with what happened.
/// </summary>
/// <remarks>
/// Built from two summaries of the same log: one as of the calibration end, one as of the holdout end. A customer's
/// holdout purchases are the purchase periods after the calibration end (the difference of the two frequencies);
/// customers whose first purchase falls in the holdout are left out. With day periods this is exactly the
/// literature's split; with week or month periods a period that straddles the calibration end counts in the
/// calibration. An immutable value.
/// </remarks>
public sealed partial class CalibrationHoldoutSplit
{
    private CalibrationHoldoutSplit(RepeatPurchaseData calibration, double[] holdout, double holdoutLength)
    {
        Calibration = calibration;
        HoldoutPurchases = holdout;
        HoldoutLength = holdoutLength;
    }

    /// <summary>The calibration-period summaries, in model time units.</summary>
    public RepeatPurchaseData Calibration { get; }

    /// <summary>Each calibration customer's purchases in the holdout, in the order of <see cref="Calibration"/>.</summary>
    public IReadOnlyList<double> HoldoutPurchases { get; }

    /// <summary>The length of the holdout in model time units.</summary>
    public double HoldoutLength { get; }

    /// <summary>Splits a log from its summaries as of the calibration end and as of the holdout end.</summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="calibration">Summaries with <see cref="CustomerSummaryOptions.AsOf"/> = the calibration end.</param>
    /// <param name="observed">Summaries of the same log with the same options but as of the holdout end.</param>
    /// <param name="periodsPerTimeUnit">Summary periods per model time unit (7 for days → weeks).</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentNullException">A summary set is null.</exception>
    /// <exception cref="ArgumentException">The periods differ, an as-of date is missing, or the holdout does not end after the calibration.</exception>
    /// <exception cref="RetentionDataException">There is no calibration customer.</exception>
    public static CalibrationHoldoutSplit Create<TKey>(CustomerSummaries<TKey> calibration, CustomerSummaries<TKey> observed, double periodsPerTimeUnit = 1d)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(observed);
        if (calibration.Period != observed.Period)
        {
            throw new ArgumentException("Both summaries must count in the same period.", nameof(observed));
        }

        if (calibration.AsOf is not { } calibrationEnd || observed.AsOf is not { } holdoutEnd || holdoutEnd <= calibrationEnd)
        {
            throw new ArgumentException(LifetimeErrorMessages.HoldoutOrder, nameof(observed));
        }

        var data = RepeatPurchaseData.FromSummaries(calibration, periodsPerTimeUnit);
        var holdout = new double[calibration.Count];
        var span = calibration.AsSpan();
        for (var i = 0; i < holdout.Length; i++)
        {
            holdout[i] = observed.TryGet(span[i].CustomerId, out var later) ? Math.Max(0, later.Frequency - span[i].Frequency) : 0;
        }

        var days = NodaTime.Period.Between(calibrationEnd, holdoutEnd, NodaTime.PeriodUnits.Days).Days;
        var periodDays = RepeatPurchaseData.PeriodsPerTimeUnit(PurchasePeriod.Day, calibration.Period);
        return new CalibrationHoldoutSplit(data, holdout, days / periodDays / periodsPerTimeUnit);
    }

    /// <summary>Compares a transaction model's expected holdout purchases with the actual ones.</summary>
    /// <param name="model">A model fitted on <see cref="Calibration"/>.</param>
    /// <param name="largestFrequencyGroup">Calibration frequencies at or above this are pooled in the last group (7 as in the BG/NBD paper's figure).</param>
    /// <returns>Per customer and per calibration frequency, with MAE and RMSE per customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="largestFrequencyGroup"/> is negative.</exception>
    public HoldoutComparison Compare(ITransactionModel model, int largestFrequencyGroup = 7)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(largestFrequencyGroup);
        var customers = new HoldoutPrediction[Calibration.Count];
        var span = Calibration.AsSpan();
        var groups = new (double Customers, double Predicted, double Actual)[largestFrequencyGroup + 1];
        double absolute = 0, squared = 0, totalPredicted = 0, totalActual = 0, weight = 0;
        for (var i = 0; i < customers.Length; i++)
        {
            var row = span[i];
            var predicted = model.ExpectedPurchases(HoldoutLength, row.Frequency, row.Recency, row.T);
            var actual = HoldoutPurchases[i];
            customers[i] = new HoldoutPrediction(row.CustomerId, row.Frequency, predicted, actual);
            var group = (int)Math.Min(largestFrequencyGroup, Math.Floor(row.Frequency));
            groups[group] = (groups[group].Customers + row.Weight, groups[group].Predicted + predicted * row.Weight, groups[group].Actual + actual * row.Weight);
            absolute += Math.Abs(predicted - actual) * row.Weight;
            squared += (predicted - actual) * (predicted - actual) * row.Weight;
            totalPredicted += predicted * row.Weight;
            totalActual += actual * row.Weight;
            weight += row.Weight;
        }

        var byFrequency = groups
            .Select((g, x) => new HoldoutFrequencyGroup(x, x == largestFrequencyGroup, g.Customers,
                g.Customers == 0 ? 0 : g.Predicted / g.Customers, g.Customers == 0 ? 0 : g.Actual / g.Customers))
            .ToArray();
        return new HoldoutComparison(customers, byFrequency, absolute / weight, Math.Sqrt(squared / weight), totalPredicted, totalActual);
    }
}
