namespace RetentionMetrics.Lifetime;

/// <summary>How a model-based customer lifetime value is computed: horizon, discounting and margin.</summary>
/// <remarks>
/// The horizon is cut into <see cref="Periods"/> discounting periods of <see cref="TimeUnitsPerPeriod"/> model time
/// units each; the purchases expected in period k are discounted by (1 + <see cref="DiscountRate"/>)ᵏ, as
/// <c>lifetimes</c>' <c>customer_lifetime_value</c> does (its default: 12 monthly periods of 4.345 weeks, d = 0.01).
/// </remarks>
public sealed record LifetimeValueOptions
{
    /// <summary>The default options: 12 periods of 1 time unit, discount rate 0.01 per period, margin 1.</summary>
    public static LifetimeValueOptions Default { get; } = new();

    /// <summary>The number of discounting periods in the horizon. 12 by default.</summary>
    public int Periods { get; init; } = 12;

    /// <summary>Model time units in one discounting period (4.345 for months when the model counts weeks). 1 by default.</summary>
    public double TimeUnitsPerPeriod { get; init; } = 1d;

    /// <summary>The discount rate per period, 0 or more. 0.01 by default.</summary>
    public double DiscountRate { get; init; } = 0.01d;

    /// <summary>The share of spend that is profit, from 0 to 1. 1 (revenue) by default.</summary>
    public double Margin { get; init; } = 1d;

    internal void Validate(string parameterName)
    {
        if (Periods < 0)
        {
            throw new ArgumentException("The number of periods must be 0 or more.", parameterName);
        }

        if (!double.IsFinite(TimeUnitsPerPeriod) || TimeUnitsPerPeriod <= 0)
        {
            throw new ArgumentException("The time units per period must be a positive finite number.", parameterName);
        }

        if (!double.IsFinite(DiscountRate) || DiscountRate < 0)
        {
            throw new ArgumentException("The discount rate must be a finite number, 0 or more.", parameterName);
        }

        if (!double.IsFinite(Margin) || Margin < 0 || Margin > 1)
        {
            throw new ArgumentException("The margin must be from 0 to 1.", parameterName);
        }
    }
}
