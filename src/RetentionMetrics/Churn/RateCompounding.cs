using RetentionMetrics.Internal;

namespace RetentionMetrics.Churn;

/// <summary>Converts a churn (or retention-loss) rate per period into the rate over several periods, and back.</summary>
/// <remarks>
/// A constant rate r per period leaves (1 − r) of the customers after each period, so over n periods the compounded
/// rate is 1 − (1 − r)ⁿ, and the per-period rate behind a compounded rate R is 1 − (1 − R)^(1/n). n need not be whole:
/// weekly to yearly is n = 365.2425 / 7. See <c>docs/churn.md</c>.
/// </remarks>
public static class RateCompounding
{
    /// <summary>The rate over <paramref name="periods"/> periods of a constant rate per period: 1 − (1 − rate)^periods.</summary>
    /// <example>3% a month over 12 months is 1 − 0.97¹² ≈ 0.306; 5% a month is ≈ 0.460 a year.</example>
    /// <param name="periodicRate">The rate per period, from 0 to 1.</param>
    /// <param name="periods">How many periods, more than 0 and finite.</param>
    /// <returns>The compounded rate, from 0 to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1] or the number of periods is not positive and finite.</exception>
    public static double Compound(double periodicRate, double periods)
    {
        Preconditions.CheckInRange(periodicRate, 0d, 1d);
        CheckPeriods(periods);
        // 1 − exp(n·log1p(−r)) keeps precision for small rates.
        return periodicRate == 1 ? 1 : Math.Clamp(-double.ExpM1(periods * double.LogP1(-periodicRate)), 0, 1);
    }

    /// <summary>The constant rate per period that compounds to <paramref name="compoundedRate"/> over <paramref name="periods"/> periods.</summary>
    /// <example>A yearly rate of 0.306 is ≈ 3% a month: 1 − (1 − 0.306)^(1/12).</example>
    /// <param name="compoundedRate">The rate over all the periods, from 0 to 1.</param>
    /// <param name="periods">How many periods, more than 0 and finite.</param>
    /// <returns>The rate per period, from 0 to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1] or the number of periods is not positive and finite.</exception>
    public static double Decompound(double compoundedRate, double periods)
    {
        Preconditions.CheckInRange(compoundedRate, 0d, 1d);
        CheckPeriods(periods);
        return compoundedRate == 1 ? 1 : Math.Clamp(-double.ExpM1(double.LogP1(-compoundedRate) / periods), 0, 1);
    }

    private static void CheckPeriods(double periods)
    {
        if (!double.IsFinite(periods) || periods <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(periods), periods, "Expected a positive, finite number of periods.");
        }
    }
}
