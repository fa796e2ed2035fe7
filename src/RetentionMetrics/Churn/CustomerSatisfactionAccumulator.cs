using System.Globalization;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Churn;

/// <summary>Counts answers on a CSAT scale (1–5 by default) and produces the satisfied share with its Wilson interval.</summary>
/// <remarks><b>Aggregates</b> two counters; merge of any split equals one pass. Not thread-safe.</remarks>
public sealed partial class CustomerSatisfactionAccumulator
{
    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="options">Scale, satisfied threshold and confidence level; defaults when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CustomerSatisfactionAccumulator(SurveyOptions? options = null)
    {
        Options = options ?? SurveyOptions.Default;
        Options.Validate(nameof(options));
    }

    /// <summary>The options this accumulator was created with.</summary>
    public SurveyOptions Options { get; }

    /// <summary>All answers so far.</summary>
    public long Responses { get; private set; }

    /// <summary>Answers at or above the satisfied threshold so far.</summary>
    public long Satisfied { get; private set; }

    /// <summary>Adds one answer.</summary>
    /// <param name="answer">An answer on the configured scale.</param>
    /// <exception cref="RetentionDataException">The answer is off the scale; the position is the number of answers before it.</exception>
    public void Add(int answer) => Add(answer, Responses);

    /// <summary>Adds the counts of another accumulator; the other is unchanged.</summary>
    /// <param name="other">An accumulator with the same options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The other accumulator uses another scale or threshold.</exception>
    public void Merge(CustomerSatisfactionAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Options.CsatMinimum != Options.CsatMinimum || other.Options.CsatMaximum != Options.CsatMaximum || other.Options.CsatSatisfiedFrom != Options.CsatSatisfiedFrom)
        {
            throw new ArgumentException("Only accumulators with the same CSAT scale and threshold can be merged.", nameof(other));
        }

        Responses += other.Responses;
        Satisfied += other.Satisfied;
    }

    /// <summary>The satisfied share so far, with its Wilson score interval.</summary>
    /// <example>8 satisfied of 10 at 95%: share 0.8, Wilson interval ≈ [0.490, 0.943].</example>
    /// <returns>The score; <see cref="CustomerSatisfaction.Share"/> is null without answers.</returns>
    public CustomerSatisfaction ToScore() => Score(Satisfied, Responses, Options.ConfidenceLevel);

    internal void Add(int answer, long position)
    {
        if (answer < Options.CsatMinimum || answer > Options.CsatMaximum)
        {
            throw new RetentionDataException(
                string.Format(CultureInfo.InvariantCulture, ChurnErrorMessages.CsatAnswerOutOfRange, answer, Options.CsatMinimum, Options.CsatMaximum), null, position);
        }

        Responses++;
        if (answer >= Options.CsatSatisfiedFrom)
        {
            Satisfied++;
        }
    }

    internal static CustomerSatisfaction Score(long satisfied, long n, double level)
    {
        if (n == 0)
        {
            return new CustomerSatisfaction(0, 0, null, null);
        }

        var share = (double)satisfied / n;
        var z = SpecialFunctions.NormalQuantile(1 - (1 - level) / 2);
        var z2 = z * z;
        var centre = (share + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(share * (1 - share) / n + z2 / (4.0 * n * n));
        var interval = new ConfidenceInterval(Math.Max(0, Math.Min(share, centre - half)), Math.Min(1, Math.Max(share, centre + half)), level);
        return new CustomerSatisfaction(n, satisfied, share, interval);
    }
}
