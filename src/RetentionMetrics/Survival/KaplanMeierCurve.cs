using RetentionMetrics.Internal;

namespace RetentionMetrics.Survival;

/// <summary>
/// The Kaplan–Meier (product-limit) estimate of a survival function from right-censored observations, with
/// Greenwood standard errors, pointwise log-log confidence intervals and the median survival time.
/// </summary>
/// <remarks>
/// <para>S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ / nᵢ), where nᵢ subjects are at risk just before tᵢ and dᵢ have
/// the event at tᵢ; an observation censored at tᵢ counts as at risk at tᵢ (events precede censorings at a tie).
/// Greenwood: Var S(t) = S(t)² Σ dᵢ / (nᵢ (nᵢ − dᵢ)). The interval is the log-log (Kalbfleisch–Prentice) one:
/// S(t)^exp(±z·σ), σ² = Σ dᵢ / (nᵢ (nᵢ − dᵢ)) / (ln S(t))², which stays inside [0, 1] (the default of Stata's
/// <c>sts list</c> and of R's <c>survfit(conf.type = "log-log")</c>). See <c>docs/cohorts.md</c>.</para>
/// <para>An immutable result. <see cref="Median"/> is the smallest event time with S(t) ≤ 0.5, or
/// <see langword="null"/> when the curve never falls to 0.5.</para>
/// </remarks>
public sealed partial class KaplanMeierCurve
{
    private KaplanMeierCurve(IReadOnlyList<SurvivalStep> steps, int subjects, int events, double? median, double confidenceLevel)
    {
        Steps = steps;
        Subjects = subjects;
        Events = events;
        Median = median;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>One step per distinct observed time (event or censoring), in increasing time.</summary>
    public IReadOnlyList<SurvivalStep> Steps { get; }

    /// <summary>The number of observations.</summary>
    public int Subjects { get; }

    /// <summary>The number of events.</summary>
    public int Events { get; }

    /// <summary>The median survival time: the smallest event time with S(t) ≤ 0.5; <see langword="null"/> when never reached.</summary>
    public double? Median { get; }

    /// <summary>The confidence level of <see cref="SurvivalStep.Lower"/> and <see cref="SurvivalStep.Upper"/>.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Estimates the curve.</summary>
    /// <remarks><b>Buffers</b>: the observations are sorted, so they are held in memory (one per subject).</remarks>
    /// <param name="observations">The observations, in any order.</param>
    /// <param name="options">The confidence level; defaults when null.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observations"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static KaplanMeierCurve Fit(IEnumerable<SurvivalObservation> observations, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        options ??= KaplanMeierOptions.Default;
        options.Validate(nameof(options));
        var sorted = observations.OrderBy(o => o.Time).ToArray();
        var z = SpecialFunctions.NormalQuantile(0.5 + options.ConfidenceLevel / 2);
        var steps = new List<SurvivalStep>();
        var atRisk = sorted.Length;
        var survival = 1d;
        var greenwood = 0d;
        var events = 0;
        double? median = null;
        for (var i = 0; i < sorted.Length;)
        {
            var time = sorted[i].Time;
            var died = 0;
            var censored = 0;
            for (; i < sorted.Length && sorted[i].Time == time; i++)
            {
                if (sorted[i].IsEvent)
                {
                    died++;
                }
                else
                {
                    censored++;
                }
            }

            if (died > 0)
            {
                survival *= 1 - (double)died / atRisk;
                greenwood += atRisk == died ? 0 : (double)died / ((double)atRisk * (atRisk - died));
                events += died;
                if (median is null && survival <= 0.5)
                {
                    median = time;
                }
            }

            var (standardError, lower, upper) = Interval(survival, greenwood, z);
            steps.Add(new SurvivalStep(time, atRisk, died, censored, survival, standardError, lower, upper));
            atRisk -= died + censored;
        }

        return new KaplanMeierCurve(steps, sorted.Length, events, median, options.ConfidenceLevel);
    }

    /// <summary>The estimate S(t): the probability of surviving beyond <paramref name="time"/>.</summary>
    /// <param name="time">The time.</param>
    /// <returns>S(t); 1 before the first event.</returns>
    public double SurvivalAt(double time)
    {
        var survival = 1d;
        foreach (var step in Steps)
        {
            if (step.Time > time)
            {
                break;
            }

            survival = step.Survival;
        }

        return survival;
    }

    private static (double StandardError, double Lower, double Upper) Interval(double survival, double greenwood, double z)
    {
        if (survival <= 0)
        {
            return (0, 0, 0);
        }

        if (survival >= 1)
        {
            return (0, 1, 1);
        }

        var standardError = survival * Math.Sqrt(greenwood);
        var logSurvival = Math.Log(survival);
        var sigma = Math.Sqrt(greenwood) / Math.Abs(logSurvival);
        var lower = Math.Pow(survival, Math.Exp(z * sigma));
        var upper = Math.Pow(survival, Math.Exp(-z * sigma));
        return (standardError, Math.Clamp(lower, 0, 1), Math.Clamp(upper, 0, 1));
    }
}
