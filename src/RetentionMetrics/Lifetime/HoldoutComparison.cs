namespace RetentionMetrics.Lifetime;

/// <summary>How well a transaction model predicted a holdout period: per customer, per calibration frequency, and overall errors.</summary>
/// <remarks>An immutable value.</remarks>
public sealed class HoldoutComparison
{
    internal HoldoutComparison(
        IReadOnlyList<HoldoutPrediction> customers, IReadOnlyList<HoldoutFrequencyGroup> byFrequency,
        double meanAbsoluteError, double rootMeanSquaredError, double totalPredicted, double totalActual)
    {
        Customers = customers;
        ByFrequency = byFrequency;
        MeanAbsoluteError = meanAbsoluteError;
        RootMeanSquaredError = rootMeanSquaredError;
        TotalPredicted = totalPredicted;
        TotalActual = totalActual;
    }

    /// <summary>Each calibration customer's prediction and outcome, in calibration order.</summary>
    public IReadOnlyList<HoldoutPrediction> Customers { get; }

    /// <summary>Mean predicted and actual purchases by calibration frequency 0, 1, …, with the last group pooled.</summary>
    public IReadOnlyList<HoldoutFrequencyGroup> ByFrequency { get; }

    /// <summary>The mean absolute error per customer.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>The root mean squared error per customer.</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>The total expected holdout purchases.</summary>
    public double TotalPredicted { get; }

    /// <summary>The total actual holdout purchases.</summary>
    public double TotalActual { get; }
}
